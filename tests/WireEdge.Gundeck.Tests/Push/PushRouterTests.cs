using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Push;
using WireEdge.Gundeck.Push;

namespace WireEdge.Gundeck.Tests.Push;

public sealed class PushRouterTests
{
    private static readonly Uri C1 = new("http://127.0.0.1:9001");
    private static readonly Uri C2 = new("http://127.0.0.1:9002");
    private readonly FakePresenceRegistry presences = new();
    private readonly FakeCannonClient cannons = new();
    private readonly RecordingNativeSink native = new();
    private readonly PushRouter router;

    public PushRouterTests()
    {
        router = new PushRouter(presences, cannons, cannons, native, Options.Create(new GundeckOptions { BulkPushTimeoutMs = 200 }), NullLogger<PushRouter>.Instance);
    }

    private static Delivery Delivery(PushRequest push)
    {
        var id = Guid.NewGuid();
        return new Delivery(id, NotificationJson.Encode(id, push.Payload.Span, push.Transient), push);
    }

    private static PushRequest Push(params PushRecipient[] recipients) => new()
    {
        Recipients = recipients,
        Payload = Encoding.UTF8.GetBytes("[{\"type\":\"t\"}]"),
    };

    [Fact]
    public async Task Deliver_SkipsOriginConnection_OfOriginUserOnly()
    {
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        presences.Add(new Presence(alice, "a1", C1, null, 1));
        presences.Add(new Presence(alice, "a2", C1, null, 1));
        presences.Add(new Presence(bob, "a1", C1, null, 1));
        var push = new PushRequest { Recipients = [new(alice), new(bob)], Payload = Encoding.UTF8.GetBytes("[{}]"), Origin = alice, OriginConnection = "a1" };

        await router.DeliverAsync([Delivery(push)]);

        var targets = cannons.Delivered().Select(d => d.Target).ToHashSet();
        Assert.Equal([new BulkPushTarget(alice, "a2"), new BulkPushTarget(bob, "a1")], targets);
    }

    [Fact]
    public async Task Deliver_HonoursConnectionsAllowlist()
    {
        var u = Guid.NewGuid();
        presences.Add(new Presence(u, "x", C1, null, 1));
        presences.Add(new Presence(u, "y", C1, null, 1));
        var push = new PushRequest { Recipients = [new(u)], Payload = Encoding.UTF8.GetBytes("[{}]"), Connections = ["y"] };
        await router.DeliverAsync([Delivery(push)]);
        Assert.Equal([new BulkPushTarget(u, "y")], cannons.Delivered().Select(d => d.Target));
    }

    [Fact]
    public async Task Deliver_TargetedAtClient_ReachesOnlySocketsOfThatClient()
    {
        var u = Guid.NewGuid();
        presences.Add(new Presence(u, "for-a", C1, new ClientId(0xa), 1));
        presences.Add(new Presence(u, "for-b", C1, new ClientId(0xb), 1));
        presences.Add(new Presence(u, "no-client", C1, null, 1));

        await router.DeliverAsync([Delivery(Push(new PushRecipient(u, PushRoute.Any, [new ClientId(0xa)])))]);
        Assert.Equal([new BulkPushTarget(u, "for-a")], cannons.Delivered().Select(d => d.Target));

        cannons.Calls.Clear();
        await router.DeliverAsync([Delivery(Push(new PushRecipient(u)))]);
        Assert.Equal(3, cannons.Delivered().Count);
    }

    [Fact]
    public async Task Deliver_GroupsByCannon_OneCallPerCannon_OneLookupPerBatch()
    {
        var users = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < users.Count; i++)
        {
            presences.Add(new Presence(users[i], "c", i % 2 == 0 ? C1 : C2, null, 1));
        }

        var batch = new[] { Delivery(Push([.. users.Select(u => new PushRecipient(u))])), Delivery(Push(new PushRecipient(users[0]), new PushRecipient(users[1]))) };
        await router.DeliverAsync(batch);

        Assert.Equal(1, presences.GetCalls);
        var calls = cannons.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal([C1, C2], calls.Select(c => c.Cannon).OrderBy(c => c.Port));
        var c1 = calls.Single(c => c.Cannon == C1);
        Assert.Equal([batch[0].Id, batch[1].Id], c1.Notifications.Select(n => n.NotificationId));
        Assert.Equal(3, c1.Notifications[0].Targets.Count);
        Assert.Single(c1.Notifications[1].Targets);
        // The notification JSON is the same buffer for every cannon (serialised once).
        var c2 = calls.Single(c => c.Cannon == C2);
        Assert.True(c1.Notifications[0].NotificationJson.Span == c2.Notifications[0].NotificationJson.Span);
    }

    [Fact]
    public async Task Deliver_GoneTargets_LosePresence()
    {
        var u = Guid.NewGuid();
        presences.Add(new Presence(u, "stale", C1, null, 1));
        presences.Add(new Presence(u, "live", C1, null, 1));
        cannons.Gone.Add(new BulkPushTarget(u, "stale"));
        await router.DeliverAsync([Delivery(Push(new PushRecipient(u)))]);
        Assert.False(presences.Has(u, "stale"));
        Assert.True(presences.Has(u, "live"));
        Assert.Empty(cannons.Closes);
    }

    [Fact]
    public async Task Deliver_FailingCannon_RemovesPresences_AndRequestsClose()
    {
        var u = Guid.NewGuid();
        var v = Guid.NewGuid();
        presences.Add(new Presence(u, "down", C1, null, 1));
        presences.Add(new Presence(v, "up", C2, null, 1));
        cannons.Failing.Add(C1);
        await router.DeliverAsync([Delivery(Push(new PushRecipient(u), new PushRecipient(v)))]);

        Assert.False(presences.Has(u, "down"));
        Assert.True(presences.Has(v, "up"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (cannons.Closes.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var close = Assert.Single(cannons.Closes);
        Assert.Equal(C1, close.Cannon);
        Assert.Equal([new BulkPushTarget(u, "down")], close.Targets);
    }

    [Fact]
    public async Task Deliver_TimedOutCannon_IsTreatedAsFailed()
    {
        var u = Guid.NewGuid();
        presences.Add(new Presence(u, "slow", C1, null, 1));
        cannons.Delay = TimeSpan.FromSeconds(5);
        await router.DeliverAsync([Delivery(Push(new PushRecipient(u)))]);
        Assert.False(presences.Has(u, "slow"));
    }

    [Fact]
    public async Task Deliver_Transient_CarriesTransientFlag_AndNoNativePush()
    {
        var u = Guid.NewGuid();
        var offline = Guid.NewGuid();
        presences.Add(new Presence(u, "c", C1, null, 1));
        var push = new PushRequest { Recipients = [new(u), new(offline)], Payload = Encoding.UTF8.GetBytes("[{\"type\":\"typing\"}]"), Transient = true };
        var d = Delivery(push);
        await router.DeliverAsync([d]);
        var json = Assert.Single(cannons.Delivered()).Json;
        Assert.Equal($"{{\"id\":\"{d.Id:D}\",\"transient\":true,\"payload\":[{{\"type\":\"typing\"}}]}}", json);
        Assert.Empty(native.Sent);
    }

    [Fact]
    public async Task Deliver_OfflineRecipient_GoesToNativeSink_UnlessDirect()
    {
        var any = Guid.NewGuid();
        var direct = Guid.NewGuid();
        var d = Delivery(Push(new PushRecipient(any), new PushRecipient(direct, PushRoute.Direct)));
        await router.DeliverAsync([d]);
        var sent = Assert.Single(native.Sent);
        Assert.Equal(any, sent.User);
        Assert.Equal(d.Id, sent.NotificationId);
    }
}
