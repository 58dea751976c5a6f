using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Cannon.Sockets;
using WireEdge.Cannon.Tests.Support;

namespace WireEdge.Cannon.Tests.Transport;

/// <summary>Cannon's own listener: /await on bare sockets, everything else through Kestrel, same behaviour.</summary>
public sealed class LeanTransportTests
{
    [Fact]
    public async Task Await_OnTheLeanListener_IsServedOnTheBareSocket()
    {
        await using var host = await CannonHost.StartAsync();
        var (ws, _, _) = await host.ConnectAsync();
        await using var _ws = ws;
        await ws.SendTextAsync("ping");
        Assert.Equal("pong", Encoding.UTF8.GetString((await ws.ReadDataOrCloseAsync())!.Value.Payload));
        Assert.Equal("socket", Registry(host).All.Single().TransportKind);
    }

    [Fact]
    public async Task LeanTransportOff_AwaitIsServedOnTheKestrelConnection()
    {
        await using var host = await CannonHost.StartAsync(new Dictionary<string, string?> { ["Cannon:LeanTransport"] = "false" });
        var (ws, _, _) = await host.ConnectAsync();
        await using var _ws = ws;
        await ws.SendTextAsync("ping");
        Assert.Equal("pong", Encoding.UTF8.GetString((await ws.ReadDataOrCloseAsync())!.Value.Payload));
        Assert.Equal("connection", Registry(host).All.Single().TransportKind);
    }

    [Fact]
    public async Task UpgradeHeadArrivingInPieces_IsStillUpgradedOnTheBareSocket()
    {
        await using var host = await CannonHost.StartAsync();
        var token = host.Token(Guid.NewGuid(), 7);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.PublicUri.Host, host.PublicUri.Port);
        var s = tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var head = $"GET /await?access_token={Uri.EscapeDataString(token)} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\n\r\n";
        var bytes = Encoding.ASCII.GetBytes(head);
        await s.WriteAsync(bytes.AsMemory(0, 20));
        await s.FlushAsync();
        await Task.Delay(300);
        await s.WriteAsync(bytes.AsMemory(20, 60));
        await Task.Delay(300);
        await s.WriteAsync(bytes.AsMemory(80));
        var response = await ReadHeadAsync(s);
        Assert.StartsWith("HTTP/1.1 101", response, StringComparison.Ordinal);
        await Poll.UntilAsync(() => Registry(host).Count == 1);
        Assert.Equal("socket", Registry(host).All.Single().TransportKind);
    }

    [Fact]
    public async Task PlainHttpOnTheSameListener_IsServedByKestrel()
    {
        await using var host = await CannonHost.StartAsync();
        using var version = await host.Host.Public.GetAsync("/api-version");
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        using var post = await host.Host.Public.PostAsync("/await", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.NotEqual(HttpStatusCode.SwitchingProtocols, post.StatusCode);
        using var notUpgrade = await host.Host.Public.GetAsync("/await?access_token=" + Uri.EscapeDataString(host.Token(Guid.NewGuid(), 3)));
        Assert.Equal(HttpStatusCode.BadRequest, notUpgrade.StatusCode); // answered by the HTTP pipeline
        using var status = await host.Host.Internal.GetAsync("/i/status");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task ForgedTokenOnTheLeanListener_Is401FromTheHttpPipeline()
    {
        await using var host = await CannonHost.StartAsync();
        var ws = await WsTestClient.ConnectAsync(host.PublicUri, "/await?access_token=forged");
        await using var _ws = ws;
        Assert.Equal(401, ws.Status);
        Assert.Equal(0, Registry(host).Count);
    }

    [Fact]
    public async Task ClientCloses_SocketIsForgottenAndReleased()
    {
        await using var host = await CannonHost.StartAsync();
        var (ws, user, conn) = await host.ConnectAsync();
        await ws.DisposeAsync(); // TCP close without a close frame
        await Poll.UntilAsync(() => Registry(host).Count == 0);
        await Poll.UntilAsync(() => host.Presence.Unregistered.Contains((user, conn)));
    }

    [Fact]
    public async Task ZHeadersOnThePublicListener_AreNotTrusted()
    {
        await using var host = await CannonHost.StartAsync();
        var ws = await WsTestClient.ConnectAsync(host.PublicUri, "/await", $"Z-User: {Guid.NewGuid()}\r\nZ-Connection: 5\r\nZ-Type: access\r\n");
        await using var _ws = ws;
        Assert.Equal(401, ws.Status);
        Assert.Equal(0, Registry(host).Count);
    }

    [Fact]
    public async Task FirstLineIncompletePastTheHandshakeTimeout_IsClosed()
    {
        await using var host = await CannonHost.StartAsync(new Dictionary<string, string?> { ["Cannon:HandshakeTimeout"] = "00:00:00.300" });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.PublicUri.Host, host.PublicUri.Port);
        var s = tcp.GetStream();
        await s.WriteAsync(Encoding.ASCII.GetBytes("GET /api-ver"));
        Assert.Equal(0, await ReadUntilClosedAsync(s));
    }

    [Fact]
    public async Task ConnectionSilentPastTheHandshakeTimeout_IsClosed()
    {
        await using var host = await CannonHost.StartAsync(new Dictionary<string, string?> { ["Cannon:HandshakeTimeout"] = "00:00:00.300" });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.PublicUri.Host, host.PublicUri.Port);
        var s = tcp.GetStream();
        Assert.Equal(0, await ReadUntilClosedAsync(s));
    }

    /// <summary>0 once the server closed the connection (FIN or reset); otherwise the bytes it sent.</summary>
    private static async Task<int> ReadUntilClosedAsync(NetworkStream s)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            return await s.ReadAsync(new byte[16], cts.Token);
        }
        catch (IOException)
        {
            return 0; // reset instead of FIN: closed all the same
        }
    }

    private static SocketRegistry Registry(CannonHost host) => host.Host.Services.GetRequiredService<SocketRegistry>();

    private static async Task<string> ReadHeadAsync(NetworkStream s)
    {
        var buf = new List<byte>();
        var one = new byte[1];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (buf.Count < 4 || buf[^4] != '\r' || buf[^3] != '\n' || buf[^2] != '\r' || buf[^1] != '\n')
        {
            if (await s.ReadAsync(one, cts.Token) == 0)
            {
                break;
            }

            buf.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. buf]);
    }
}
