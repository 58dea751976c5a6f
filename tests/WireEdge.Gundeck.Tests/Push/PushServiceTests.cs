using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WireEdge.Contracts.Push;
using WireEdge.Gundeck.Notifications;
using WireEdge.Gundeck.Push;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;
using WireEdge.Testing;

namespace WireEdge.Gundeck.Tests.Push;

/// <summary>The push hub over a real store: acknowledged only once stored, transient never stored, delivered in id order.</summary>
public abstract class PushServiceTests(StorageKind kind) : StoreTestBase(kind)
{
    private static readonly Uri Cannon = new("http://127.0.0.1:9100");
    private readonly FakePresenceRegistry presences = new();
    private readonly FakeCannonClient cannons = new();
    private GatedStore store = null!;
    private DeliveryPipeline pipeline = null!;
    private PushService service = null!;

    protected override IEnumerable<IMigrationSource> MigrationSources => [new GundeckModule()];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var options = Options.Create(new GundeckOptions());
        store = new GatedStore(new SqlNotificationStore(Db, TimeProvider.System, options));
        var router = new PushRouter(presences, cannons, cannons, new RecordingNativeSink(), options, NullLogger<PushRouter>.Instance);
        pipeline = new DeliveryPipeline(router, NullLogger<DeliveryPipeline>.Instance);
        await pipeline.StartAsync(CancellationToken.None);
        service = new PushService(new NotificationIdGenerator(TimeProvider.System), store, pipeline);
    }

    public override async Task DisposeAsync()
    {
        await pipeline.StopAsync(CancellationToken.None);
        pipeline.Dispose();
        await base.DisposeAsync();
    }

    private static PushRequest Push(Guid user, string text, bool transient = false) => new()
    {
        Recipients = [new PushRecipient(user)],
        Payload = Encoding.UTF8.GetBytes($"[{{\"type\":\"t\",\"n\":\"{text}\"}}]"),
        Transient = transient,
    };

    private async Task WaitForDeliveriesAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (cannons.Delivered().Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Push_CompletesOnlyAfterStore_AndDeliversAfterwards()
    {
        var u = Guid.NewGuid();
        presences.Add(new Presence(u, "c", Cannon, null, 1));
        store.Gate = new TaskCompletionSource();
        var pushing = service.PushAsync([Push(u, "one")]);
        await store.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(100); // give a wrongly early delivery or completion the chance to show
        Assert.False(pushing.IsCompleted);
        Assert.Empty(cannons.Calls);

        store.Gate.SetResult();
        await pushing;
        var stored = await store.PageAsync(u, null, null, 100, long.MaxValue);
        var n = Assert.Single(stored.Notifications);
        await WaitForDeliveriesAsync(1);
        Assert.Contains($"\"id\":\"{n.Id:D}\"", Assert.Single(cannons.Delivered()).Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_WhenStoreFails_Throws_AndDeliversNothing()
    {
        var u = Guid.NewGuid();
        presences.Add(new Presence(u, "c", Cannon, null, 1));
        store.Fail = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.PushAsync([Push(u, "lost")]));
        store.Fail = false;
        await service.PushAsync([Push(u, "next")]);
        await WaitForDeliveriesAsync(1);
        await Task.Delay(100);
        Assert.Contains("next", Assert.Single(cannons.Delivered()).Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transient_IsNotStored_ButDelivered()
    {
        var u = Guid.NewGuid();
        presences.Add(new Presence(u, "c", Cannon, null, 1));
        await service.PushAsync([Push(u, "typing", transient: true)]);
        await WaitForDeliveriesAsync(1);
        Assert.Contains("\"transient\":true", Assert.Single(cannons.Delivered()).Json, StringComparison.Ordinal);
        Assert.Empty((await store.PageAsync(u, null, null, 100, long.MaxValue)).Notifications);
        Assert.Null(await store.LastAsync(u, null));
        await using var c = await Db.OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gundeck_payloads"));
    }

    [Fact]
    public async Task ConcurrentPushes_AreDeliveredInIdOrder_EvenWhenStoredOutOfOrder()
    {
        var u = Guid.NewGuid();
        presences.Add(new Presence(u, "c", Cannon, null, 1));
        store.Gate = new TaskCompletionSource();
        var first = service.PushAsync([Push(u, "first")]);
        await store.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        store.Gate = null;
        var tasks = Enumerable.Range(0, 20).Select(i => service.PushAsync([Push(u, "later" + i)])).ToList();
        await Task.WhenAll(tasks);
        await Task.Delay(100);
        Assert.Empty(cannons.Calls);

        store.ReleaseHeld();
        await first;
        await WaitForDeliveriesAsync(21);
        var delivered = cannons.Delivered().Select(d => d.Json).ToList();
        Assert.Equal(21, delivered.Count);
        Assert.Contains("first", delivered[0], StringComparison.Ordinal);
        var ids = delivered.Select(j => System.Text.Json.JsonDocument.Parse(j).RootElement.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(ids.OrderBy(NotificationId.Timestamp), ids);
        var stored = (await store.PageAsync(u, null, null, 100, long.MaxValue)).Notifications.Select(n => n.Id);
        Assert.Equal(stored, ids);
    }

    /// <summary>A store whose appends can be held back or made to fail.</summary>
    private sealed class GatedStore(INotificationStore inner) : INotificationStore
    {
        private TaskCompletionSource? heldGate;

        public TaskCompletionSource? Gate { get; set; }

        /// <summary>Completes when an append has reached the gate and is waiting on it.</summary>
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Fail { get; set; }

        public void ReleaseHeld() => heldGate?.TrySetResult();

        public async Task AppendAsync(IReadOnlyList<NewNotification> notifications, CancellationToken cancellationToken = default)
        {
            if (Fail)
            {
                throw new InvalidOperationException("store down");
            }

            if (Gate is { } g)
            {
                heldGate = g;
                Held.TrySetResult();
                await g.Task;
            }

            await inner.AppendAsync(notifications, cancellationToken);
        }

        public Task<NotificationPage> PageAsync(Guid user, Contracts.Ids.ClientId? client, NotificationCursor? since, int size, long maxPayloadBytes, CancellationToken cancellationToken = default)
            => inner.PageAsync(user, client, since, size, maxPayloadBytes, cancellationToken);

        public Task<bool> ExistsAsync(Guid user, Guid id, CancellationToken cancellationToken = default) => inner.ExistsAsync(user, id, cancellationToken);

        public Task<StoredNotification?> GetAsync(Guid user, Guid id, Contracts.Ids.ClientId? client, CancellationToken cancellationToken = default) => inner.GetAsync(user, id, client, cancellationToken);

        public Task<StoredNotification?> LastAsync(Guid user, Contracts.Ids.ClientId? client, CancellationToken cancellationToken = default) => inner.LastAsync(user, client, cancellationToken);

        public Task<int> SweepAsync(CancellationToken cancellationToken = default) => inner.SweepAsync(cancellationToken);
    }
}

public sealed class PushServiceSqliteTests() : PushServiceTests(StorageKind.Sqlite);

public sealed class PushServicePostgresTests() : PushServiceTests(StorageKind.Postgres);
