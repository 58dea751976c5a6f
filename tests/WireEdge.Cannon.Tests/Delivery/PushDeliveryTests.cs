using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Cannon.Tests.Support;
using WireEdge.Contracts.Push;

namespace WireEdge.Cannon.Tests.Delivery;

public sealed class PushDeliveryTests : IAsyncLifetime
{
    private CannonHost host = null!;

    public async Task InitializeAsync() => host = await CannonHost.StartAsync(new Dictionary<string, string?> { ["Cannon:MaxQueuedFrames"] = "8" });

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task PushToConnectedSocket_DeliversBodyVerbatimAsOneBinaryFrame()
    {
        var (ws, user, conn) = await host.ConnectAsync();
        await using var _ws = ws;
        const string body = """{"id":"6e1c5a2e-9c38-11f0-8000-000000000001", "payload":[{"type":"x","n":1}]}""";
        using var r = await host.Host.Internal.PostAsync($"/i/push/{user}/{conn}", Json(body));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var frame = await ws.ReadDataOrCloseAsync();
        Assert.Equal(0x2, frame!.Value.Opcode);
        Assert.Equal(body, Encoding.UTF8.GetString(frame.Value.Payload));
    }

    [Fact]
    public async Task PushToUnknownSocket_Returns410ClientGone()
    {
        using var r = await host.Host.Internal.PostAsync($"/i/push/{Guid.NewGuid()}/1", Json("{}"));
        Assert.Equal(HttpStatusCode.Gone, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(410, doc.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("general", doc.RootElement.GetProperty("label").GetString());
        Assert.Equal("client gone", doc.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task BulkPush_DeliversToEachTargetAndReportsUnknownAsGone()
    {
        var (a, ua, ca) = await host.ConnectAsync();
        var (b, ub, cb) = await host.ConnectAsync();
        await using var _a = a;
        await using var _b = b;
        var gone = Guid.NewGuid();
        const string n1 = """{"id":"11111111-9c38-11f0-8000-000000000001","payload":[{"k":1}]}""";
        const string n2 = """{"id":"22222222-9c38-11f0-8000-000000000002","transient":true,"payload":[{"k":2}]}""";
        var req = $$"""
            {"bulkpush_req":[
              {"notification":{{n1}},"targets":[{"user_id":"{{ua}}","conn_id":"{{ca}}"},{"user_id":"{{ub}}","conn_id":"{{cb}}"},{"user_id":"{{gone}}","conn_id":"5"}]},
              {"notification":{{n2}},"targets":[{"user_id":"{{ub}}","conn_id":"{{cb}}"}]}
            ]}
            """;
        using var r = await host.Host.Internal.PostAsync("/i/bulkpush", Json(req));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        var resp = doc.RootElement.GetProperty("bulkpush_resp").EnumerateArray().ToList();
        Assert.Equal(4, resp.Count);
        Assert.Equal(["push_status_ok", "push_status_ok", "push_status_gone", "push_status_ok"], resp.Select(e => e.GetProperty("status").GetString()));
        Assert.Equal("11111111-9c38-11f0-8000-000000000001", resp[2].GetProperty("notif_id").GetString());
        Assert.Equal(gone.ToString(), resp[2].GetProperty("target").GetProperty("user_id").GetString());
        Assert.Equal(n1, Encoding.UTF8.GetString((await a.ReadDataOrCloseAsync())!.Value.Payload));
        Assert.Equal(n1, Encoding.UTF8.GetString((await b.ReadDataOrCloseAsync())!.Value.Payload));
        Assert.Equal(n2, Encoding.UTF8.GetString((await b.ReadDataOrCloseAsync())!.Value.Payload));
    }

    [Fact]
    public async Task BulkPush_MalformedBody_Returns400()
    {
        using var r = await host.Host.Internal.PostAsync("/i/bulkpush", Json("""{"bulkpush_req":[{"notification":{"payload":[]},"targets":[]}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Fact]
    public async Task InProcessCannonClient_ToOwnUri_DeliversWithoutHttp()
    {
        var (ws, user, conn) = await host.ConnectAsync();
        await using var _ws = ws;
        var client = host.Host.Services.GetRequiredService<ICannonClient>();
        var json = """{"id":"33333333-9c38-11f0-8000-000000000003","payload":[]}"""u8.ToArray();
        var id = Guid.Parse("33333333-9c38-11f0-8000-000000000003");
        var results = await client.BulkPushAsync(host.Host.InternalUri, [new BulkPushNotification(id, json, [new BulkPushTarget(user, conn), new BulkPushTarget(user, "999")])]);
        Assert.Equal([BulkPushStatus.Ok, BulkPushStatus.Gone], results.Select(x => x.Status));
        Assert.Equal(json, (await ws.ReadDataOrCloseAsync())!.Value.Payload);
    }

    [Fact]
    public async Task NewSocketWithSameUserAndConnection_ReplacesTheOld()
    {
        var (old, user, conn) = await host.ConnectAsync();
        await using var _old = old;
        var (fresh, _, _) = await host.ConnectAsync(user, ulong.Parse(conn, System.Globalization.CultureInfo.InvariantCulture));
        await using var _fresh = fresh;
        var close = await old.WaitClosedAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(0x8, close!.Value.Opcode);
        using var r = await host.Host.Internal.PostAsync($"/i/push/{user}/{conn}", Json("""{"id":"x"}"""));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("""{"id":"x"}""", Encoding.UTF8.GetString((await fresh.ReadDataOrCloseAsync())!.Value.Payload));
        await Task.Delay(200);
        Assert.Single(host.Presence.All); // the old socket's close did not remove the new presence
    }

    [Fact]
    public async Task ClientThatStopsReading_IsClosedOnceItsQueueOverflows_NeverSkipped()
    {
        var user = Guid.NewGuid();
        var token = host.Token(user, 42);
        await using var ws = await WsTestClient.ConnectAsync(host.PublicUri, "/await?access_token=" + Uri.EscapeDataString(token), receiveBuffer: 4096);
        Assert.Equal(101, ws.Status);
        var big = Json("{\"id\":\"y\",\"pad\":\"" + new string('x', 256 * 1024) + "\"}");
        var sawGone = false;
        for (var i = 0; i < 400 && !sawGone; i++)
        {
            using var r = await host.Host.Internal.PostAsync($"/i/push/{user}/42", big);
            sawGone = r.StatusCode == HttpStatusCode.Gone;
        }

        Assert.True(sawGone, "the socket was never reported gone");

        // Now reading: the client gets a prefix of the pushes and then the end, never a gap.
        var received = 0;
        while (await ws.ReadFrameAsync(TimeSpan.FromSeconds(10)) is { } f && f.Opcode == 0x2)
        {
            received++;
        }

        Assert.True(received < 400);
        using var after = await host.Host.Internal.PostAsync($"/i/push/{user}/42", Json("{}"));
        Assert.Equal(HttpStatusCode.Gone, after.StatusCode);
    }

    [Fact]
    public async Task Close_ClosesTheTargetedSocketsOnly()
    {
        var (a, ua, ca) = await host.ConnectAsync();
        var (b, _, _) = await host.ConnectAsync();
        await using var _a = a;
        await using var _b = b;
        using var r = await host.Host.Internal.PostAsync("/i/close", Json($$"""{"targets":[{"user_id":"{{ua}}","conn_id":"{{ca}}"},{"user_id":"{{Guid.NewGuid()}}","conn_id":"1"}]}"""));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(1, doc.RootElement.GetProperty("closed").GetInt32());
        var close = await a.WaitClosedAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(0x8, close!.Value.Opcode);
        await b.SendTextAsync("ping");
        Assert.Equal("pong", Encoding.UTF8.GetString((await b.ReadDataOrCloseAsync())!.Value.Payload));
    }

    [Fact]
    public async Task PresenceHead_Is200WhenRegisteredAnd404Otherwise()
    {
        var (ws, user, conn) = await host.ConnectAsync();
        await using var _ws = ws;
        using var known = await host.Host.Internal.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/i/presences/{user}/{conn}"));
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        using var unknown = await host.Host.Internal.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/i/presences/{user}/not-{conn}"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
