using System.Net;
using System.Net.Sockets;
using Garnet;
using Garnet.server;
using StackExchange.Redis;

namespace WireEdge.Gundeck.Presences;

/// <summary>
/// The presence store connection: starts the embedded Garnet server on first use (mode
/// <c>embedded</c>) or connects to an external Redis (mode <c>external</c>). Standalone use (another
/// process, a benchmark): <c>RedisConnectionProvider.External("host:port")</c>.
/// </summary>
public sealed class RedisConnectionProvider : IAsyncDisposable
{
    private readonly RedisOptions options;
    private readonly Lazy<Task<IConnectionMultiplexer>> connection;
    private GarnetServer? garnet;

    public RedisConnectionProvider(RedisOptions options)
    {
        this.options = options;
        connection = new Lazy<Task<IConnectionMultiplexer>>(ConnectAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The configuration string StackExchange.Redis connects with, once connected.</summary>
    public string? ConfigurationString { get; private set; }

    public static RedisConnectionProvider External(string configuration)
        => new(new RedisOptions { Mode = "external", Configuration = configuration });

    public static RedisConnectionProvider Embedded(int port = 0)
        => new(new RedisOptions { Mode = "embedded", Port = port });

    public Task<IConnectionMultiplexer> GetAsync() => connection.Value;

    public async Task<IDatabase> DatabaseAsync() => (await GetAsync().ConfigureAwait(false)).GetDatabase();

    public async ValueTask DisposeAsync()
    {
        if (connection.IsValueCreated)
        {
            try
            {
                var mux = await connection.Value.ConfigureAwait(false);
                await mux.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
                mux.Dispose();
            }
            catch (Exception e) when (e is RedisException or SocketException or InvalidOperationException)
            {
            }
        }

        garnet?.Dispose();
        garnet = null;
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        string config;
        if (options.IsEmbedded)
        {
            var port = StartGarnet();
            config = $"127.0.0.1:{port},allowAdmin=true,asyncTimeout=10000,syncTimeout=10000";
        }
        else
        {
            config = string.IsNullOrWhiteSpace(options.Configuration)
                ? throw new InvalidOperationException("Redis:Configuration is required when Redis:Mode is external")
                : options.Configuration;
        }

        ConfigurationString = config;
        var parsed = ConfigurationOptions.Parse(config);
        parsed.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(parsed).ConfigureAwait(false);
    }

    private int StartGarnet()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = options.Port == 0 ? FreePort() : options.Port;
            var server = new GarnetServer(new GarnetServerOptions
            {
                EndPoints = [new IPEndPoint(IPAddress.Loopback, port)],
                QuietMode = true,
                LogMemorySize = options.EmbeddedLogMemory,
                PageSize = "1m",
                IndexMemorySize = options.EmbeddedIndexMemory,
            });
            try
            {
                server.Start();
                garnet = server;
                return port;
            }
            catch (Exception) when (options.Port == 0 && attempt < 3)
            {
                server.Dispose();
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
