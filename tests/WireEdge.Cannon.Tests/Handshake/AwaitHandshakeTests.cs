using System.Text;
using System.Text.Json;
using WireEdge.Cannon.Tests.Support;

namespace WireEdge.Cannon.Tests.Handshake;

public sealed class AwaitHandshakeTests : IAsyncLifetime
{
    private CannonHost host = null!;

    public async Task InitializeAsync() => host = await CannonHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static void AssertWireError(string body, int code, string? label)
    {
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(code, doc.RootElement.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("label").GetString()));
        if (label is not null)
        {
            Assert.Equal(label, doc.RootElement.GetProperty("label").GetString());
        }
    }

    [Fact]
    public async Task Await_WithoutToken_Returns401BeforeUpgrading()
    {
        await using var ws = await WsTestClient.ConnectAsync(host.PublicUri, "/await");
        Assert.Equal(401, ws.Status);
        AssertWireError(await ws.ReadBodyAsync(), 401, null); // the label is the edge's when it answers first
    }

    [Fact]
    public async Task Await_WithForgedToken_Returns401()
    {
        var token = host.Token(Guid.NewGuid(), 7);
        var forged = "A" + token[1..] == token ? "B" + token[1..] : "A" + token[1..];
        await using var ws = await WsTestClient.ConnectAsync(host.PublicUri, "/await?access_token=" + Uri.EscapeDataString(forged));
        Assert.Equal(401, ws.Status);
        AssertWireError(await ws.ReadBodyAsync(), 401, "invalid-credentials");
    }

    [Fact]
    public async Task Await_WithExpiredToken_Returns401()
    {
        var token = host.Token(Guid.NewGuid(), 7, validFor: TimeSpan.FromMinutes(-1));
        await using var ws = await WsTestClient.ConnectAsync(host.PublicUri, "/await?access_token=" + Uri.EscapeDataString(token));
        Assert.Equal(401, ws.Status);
    }

    [Fact]
    public async Task Await_WithValidTokenButNoUpgrade_Returns400()
    {
        var token = host.Token(Guid.NewGuid(), 7);
        await using var ws = await WsTestClient.ConnectAsync(host.PublicUri, "/await?access_token=" + Uri.EscapeDataString(token), upgrade: false);
        Assert.Equal(400, ws.Status);
    }

    [Fact]
    public async Task Await_WithBearerHeaderAndVersionPrefix_Upgrades()
    {
        var token = host.Token(Guid.NewGuid(), 9);
        await using var ws = await WsTestClient.ConnectAsync(host.PublicUri, "/v8/await?client=abc", "Authorization: Bearer " + token + "\r\n");
        Assert.Equal(101, ws.Status);
        var presence = Assert.Single(host.Presence.All);
        Assert.Equal("9", presence.Connection);
        Assert.Equal("abc", presence.Client?.ToString());
        Assert.Equal(host.Host.InternalUri.Port, presence.Cannon.Port);
    }

    [Theory]
    [InlineData("ping", 0x1)]
    [InlineData("ping", 0x2)]
    public async Task TextOrBinaryPing_IsAnsweredWithPong(string text, int opcode)
    {
        var (ws, _, _) = await host.ConnectAsync();
        await using var _ws = ws;
        await ws.SendAsync(opcode, Encoding.UTF8.GetBytes(text));
        var frame = await ws.ReadDataOrCloseAsync();
        Assert.NotNull(frame);
        Assert.Equal(0x2, frame.Value.Opcode);
        Assert.Equal("pong", Encoding.UTF8.GetString(frame.Value.Payload));
    }

    [Fact]
    public async Task ProtocolPing_IsAnsweredWithPongCarryingItsPayload()
    {
        var (ws, _, _) = await host.ConnectAsync();
        await using var _ws = ws;
        await ws.SendAsync(0x9, [1, 2, 3]);
        var frame = await ws.ReadFrameAsync();
        Assert.Equal(0xA, frame!.Value.Opcode);
        Assert.Equal(new byte[] { 1, 2, 3 }, frame.Value.Payload);
    }

    [Fact]
    public async Task ClientClose_UnregistersPresence()
    {
        var (ws, user, conn) = await host.ConnectAsync();
        Assert.Single(host.Presence.All);
        await ws.SendAsync(0x8, [0x03, 0xE8]);
        var close = await ws.WaitClosedAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(0x8, close!.Value.Opcode);
        await ws.DisposeAsync();
        await Poll.UntilAsync(() => host.Presence.Unregistered.Contains((user, conn)));
        Assert.Empty(host.Presence.All);
    }
}
