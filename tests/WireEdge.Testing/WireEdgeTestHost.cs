using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireEdge.Hosting;
using WireEdge.Hosting.Listeners;
using WireEdge.Storage.Connections;

namespace WireEdge.Testing;

/// <summary>
/// The real all-in-one server started in-process on free loopback ports, with a temporary data
/// directory and a fresh database (SQLite or PostgreSQL). Tests talk to it over real sockets.
/// </summary>
public sealed class WireEdgeTestHost : IAsyncDisposable
{
    private WireEdgeTestHost(WebApplication app, string dataDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
        var registry = app.Services.GetRequiredService<ListenerRegistry>();
        PublicUri = registry.BaseUri(ListenerKind.Public);
        InternalUri = registry.BaseUri(ListenerKind.Internal)!;
        Public = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = PublicUri };
        Internal = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = InternalUri };
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public Uri? PublicUri { get; }

    public Uri InternalUri { get; }

    /// <summary>Client of the public listener (the edge); no cookie container, no redirects followed.</summary>
    public HttpClient Public { get; }

    /// <summary>Client of the internal listener (<c>/i/...</c>).</summary>
    public HttpClient Internal { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Starts the host. <paramref name="settings"/> override configuration keys (<c>Section:Key</c>).</summary>
    public static async Task<WireEdgeTestHost> StartAsync(
        StorageKind storage = StorageKind.Sqlite,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        string[]? args = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "wireedge-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var cs = await TestDatabases.CreateAsync(storage);
        var config = new Dictionary<string, string?>
        {
            ["Wire:DataDirectory"] = dataDir,
            ["Listen:PublicAddress"] = "127.0.0.1",
            ["Listen:PublicPort"] = "0",
            ["Listen:InternalPort"] = "0",
            ["Storage:Kind"] = storage.ToString().ToLowerInvariant(),
            ["Storage:ConnectionString"] = cs,
            ["Redis:Port"] = "0",
        };
        if (settings is not null)
        {
            foreach (var kv in settings)
            {
                config[kv.Key] = kv.Value;
            }
        }

        var app = WireEdgeApp.Build(args ?? [], Host.Modules.All(), b =>
        {
            b.Configuration.AddInMemoryCollection(config);
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(b);
        });
        await WireEdgeApp.StartAsync(app);
        return new WireEdgeTestHost(app, dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        Public.Dispose();
        Internal.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
