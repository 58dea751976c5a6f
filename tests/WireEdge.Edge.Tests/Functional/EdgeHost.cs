using WireEdge.Testing;
using WireEdge.Zauth;
using Microsoft.Extensions.DependencyInjection;

namespace WireEdge.Edge.Tests.Functional;

/// <summary>The all-in-one test host with a fake remote <c>spar</c> (the only upstream without an in-process module).</summary>
public sealed class EdgeHost : IAsyncDisposable
{
    private EdgeHost(WireEdgeTestHost host, FakeUpstream upstream, string? routesFile)
    {
        Host = host;
        Upstream = upstream;
        RoutesFile = routesFile;
    }

    public WireEdgeTestHost Host { get; }

    public FakeUpstream Upstream { get; }

    public string? RoutesFile { get; }

    public HttpClient Public => Host.Public;

    public ZauthSigner Signer => Host.Services.GetRequiredService<ZauthSigner>();

    public string AccessToken(Guid user, string? client = "1a2b", ulong connection = 42) =>
        Signer.CreateAccess(user, client, connection, DateTimeOffset.UtcNow.AddMinutes(15));

    /// <summary>Starts a host; <paramref name="extraRoutes"/> (JSON objects) are put in front of the default table in a temp routes file.</summary>
    public static async Task<EdgeHost> StartAsync(bool rateLimits = false, IEnumerable<string>? extraRoutes = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var upstream = await FakeUpstream.StartAsync();
        string? file = null;
        var config = new Dictionary<string, string?>
        {
            ["Edge:RateLimits:Enabled"] = rateLimits ? "true" : "false",
            ["Edge:Upstreams:spar"] = upstream.BaseUri.ToString(),
        };
        if (extraRoutes is not null)
        {
            file = WriteRoutes(Path.Combine(Path.GetTempPath(), "wireedge-tests", "routes-" + Guid.NewGuid().ToString("N") + ".json"), extraRoutes);
            config["Edge:RoutesFile"] = file;
        }

        if (settings is not null)
        {
            foreach (var kv in settings)
            {
                config[kv.Key] = kv.Value;
            }
        }

        var host = await WireEdgeTestHost.StartAsync(settings: config);
        return new EdgeHost(host, upstream, file);
    }

    /// <summary>Writes the default table with <paramref name="extraRoutes"/> in front.</summary>
    public static string WriteRoutes(string path, IEnumerable<string> extraRoutes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var defaults = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "edge-routes.json"));
        var marker = "\"routes\": [";
        var i = defaults.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var extra = string.Concat(extraRoutes.Select(r => "\n    " + r + ","));
        File.WriteAllText(path + ".tmp", defaults[..i] + extra + defaults[i..]);
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
