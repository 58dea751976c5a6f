using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireEdge.Edge.Routing;
using WireEdge.Testing;

namespace WireEdge.Edge.Tests.Functional;

public sealed class RouteReloadTests
{
    private const string WsRoute = "{\"path\": \"/ws-echo\", \"upstream\": \"spar\", \"websocket\": true}";

    [Fact]
    public async Task Websocket_ThroughEdge_StaysOpenAcrossRouteTableReload()
    {
        await using var edge = await EdgeHost.StartAsync(extraRoutes: [WsRoute]);
        var provider = edge.Host.Services.GetRequiredService<RouteTableProvider>();
        var user = Guid.NewGuid();
        using var ws = new ClientWebSocket();
        var uri = new Uri($"ws://{edge.Host.PublicUri!.Authority}/ws-echo?access_token={Uri.EscapeDataString(edge.AccessToken(user))}");
        await ws.ConnectAsync(uri, CancellationToken.None);
        Assert.Equal("ping-1", await RoundTrip(ws, "ping-1"));

        // New table: the websocket route is gone and a new disabled path appears.
        var before = provider.Reloads;
        EdgeHost.WriteRoutes(edge.RoutesFile!, ["{\"path\": \"/identity-providers/blocked\", \"action\": \"disabled\"}"]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (provider.Reloads == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(provider.Reloads > before, "route table was not reloaded");
        Assert.Null(provider.Current.Match("/ws-echo"));

        // The open socket is unaffected.
        Assert.Equal(WebSocketState.Open, ws.State);
        Assert.Equal("ping-2", await RoundTrip(ws, "ping-2"));

        // The new table is in force for new requests.
        using var req = new HttpRequestMessage(HttpMethod.Get, "/identity-providers/blocked");
        req.Headers.TryAddWithoutValidation("Authorization", "Bearer " + edge.AccessToken(user));
        using var r = await edge.Public.SendAsync(req);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);

        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task Websocket_WithoutToken_Returns401OnUpgrade()
    {
        await using var edge = await EdgeHost.StartAsync(extraRoutes: [WsRoute]);
        using var ws = new ClientWebSocket();
        ws.Options.CollectHttpResponseDetails = true;
        var uri = new Uri($"ws://{edge.Host.PublicUri!.Authority}/ws-echo");
        await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(uri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, ws.HttpStatusCode);
    }

    [Fact]
    public async Task InvalidReload_KeepsPreviousTable()
    {
        await using var edge = await EdgeHost.StartAsync(extraRoutes: [WsRoute]);
        var provider = edge.Host.Services.GetRequiredService<RouteTableProvider>();
        await File.WriteAllTextAsync(edge.RoutesFile!, "{\"routes\": [{\"path\": \"/x(\", \"upstream\": \"brig\"}]}");
        Assert.False(provider.Reload());
        Assert.NotNull(provider.Current.Match("/ws-echo"));
    }

    [Fact]
    public async Task InvalidRoutesFile_FailsStart_NamingTheEntry()
    {
        var file = Path.Combine(Path.GetTempPath(), "wireedge-tests", "bad-routes-" + Guid.NewGuid().ToString("N") + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "{\"routes\": [{\"path\": \"/ok\", \"upstream\": \"brig\"}, {\"name\": \"broken\", \"path\": \"/x\", \"upstream\": \"nowhere\"}]}");
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => WireEdgeTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Edge:RoutesFile"] = file }));
        Assert.Contains("route #2 (broken)", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown upstream 'nowhere'", e.Message, StringComparison.Ordinal);
    }

    private static async Task<string> RoundTrip(ClientWebSocket ws, string text)
    {
        await ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        var buf = new byte[1024];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var r = await ws.ReceiveAsync(buf, cts.Token);
        return Encoding.UTF8.GetString(buf, 0, r.Count);
    }
}
