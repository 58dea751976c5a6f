using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireEdge.Hosting;
using WireEdge.Hosting.Listeners;

namespace WireEdge.Benchmarks.Brig;

/// <summary>The real all-in-one host on free loopback ports (SQLite in a temp directory), for brig measurements.</summary>
public sealed class BrigHostRunner : IAsyncDisposable
{
    private readonly WebApplication app;

    private BrigHostRunner(WebApplication app)
    {
        this.app = app;
        var registry = app.Services.GetRequiredService<ListenerRegistry>();
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 256 }) { BaseAddress = registry.BaseUri(ListenerKind.Public) };
    }

    public HttpClient Client { get; }

    public static async Task<BrigHostRunner> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var dir = Path.Combine(Path.GetTempPath(), "wireedge-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var config = new Dictionary<string, string?>
        {
            ["Wire:DataDirectory"] = dir,
            ["Listen:PublicAddress"] = "127.0.0.1",
            ["Listen:PublicPort"] = "0",
            ["Listen:InternalPort"] = "0",
            ["Storage:Kind"] = "sqlite",
            ["Redis:Port"] = "0",
            ["Edge:RateLimits:Enabled"] = "false",
            ["Brig:SendActivationOnRegister"] = "false",
        };
        foreach (var kv in settings)
        {
            config[kv.Key] = kv.Value;
        }

        var app = WireEdgeApp.Build([], Host.Modules.All(), b =>
        {
            b.Configuration.AddInMemoryCollection(config);
            b.Logging.SetMinimumLevel(LogLevel.Error);
        });
        await WireEdgeApp.StartAsync(app);
        return new BrigHostRunner(app);
    }

    public static HttpContent Json(string json)
    {
        var c = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        c.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json;charset=UTF-8");
        return c;
    }

    /// <summary>Registers a user and returns its cookie value.</summary>
    public async Task<string> RegisterAsync(string email, string password)
    {
        using var r = await Client.PostAsync("/v8/register", Json($$"""{"name":"Bench","email":"{{email}}","password":"{{password}}"}"""));
        r.EnsureSuccessStatusCode();
        var header = r.Headers.GetValues("Set-Cookie").Single();
        return header[5..header.IndexOf(';', StringComparison.Ordinal)];
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password)
        => await Client.PostAsync("/v8/login?persist=true", Json($$"""{"email":"{{email}}","password":"{{password}}"}"""));

    public async Task<HttpResponseMessage> AccessAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/access") { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("Cookie", "zuid=" + cookie);
        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
