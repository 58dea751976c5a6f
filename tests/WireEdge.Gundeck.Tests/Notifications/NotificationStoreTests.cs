using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireEdge.Contracts.Ids;
using WireEdge.Gundeck.Notifications;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;
using WireEdge.Testing;

namespace WireEdge.Gundeck.Tests.Notifications;

public abstract class NotificationStoreTests(StorageKind kind) : StoreTestBase(kind)
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly GundeckOptions options = new() { NotificationTTL = 3600 };
    private NotificationIdGenerator ids = null!;
    private SqlNotificationStore store = null!;

    protected override IEnumerable<IMigrationSource> MigrationSources => [new GundeckModule()];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ids = new NotificationIdGenerator(clock);
        store = new SqlNotificationStore(Db, clock, Options.Create(options));
    }

    private async Task<Guid> AppendAsync(string text, params NotificationTarget[] targets)
    {
        var (id, ts) = ids.Next();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await store.AppendAsync([new NewNotification(id, ts, Payload(text), targets)]);
        return id;
    }

    private static byte[] Payload(string text) => Encoding.UTF8.GetBytes($"[{{\"type\":\"test\",\"text\":\"{text}\"}}]");

    private static string TextOf(StoredNotification n) => Encoding.UTF8.GetString(n.Payload);

    [Fact]
    public async Task Page_SinceIsExclusive_AndInOrder()
    {
        var user = Guid.NewGuid();
        var appended = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            appended.Add(await AppendAsync("n" + i, new NotificationTarget(user, null)));
        }

        var all = await store.PageAsync(user, null, null, 100, long.MaxValue);
        Assert.Equal(appended, all.Notifications.Select(n => n.Id));
        Assert.False(all.HasMore);
        Assert.Contains("\"n0\"", TextOf(all.Notifications[0]), StringComparison.Ordinal);

        var after = await store.PageAsync(user, null, NotificationCursor.Of(appended[1]), 100, long.MaxValue);
        Assert.Equal(appended.Skip(2), after.Notifications.Select(n => n.Id));
    }

    [Fact]
    public async Task Page_SizeLimit_SetsHasMore_AndPagingGetsTheRest()
    {
        var user = Guid.NewGuid();
        var batch = new List<NewNotification>();
        for (var i = 0; i < 150; i++)
        {
            var (id, ts) = ids.Next();
            batch.Add(new NewNotification(id, ts, Payload("p" + i), [new NotificationTarget(user, null)]));
        }

        await store.AppendAsync(batch);
        var first = await store.PageAsync(user, null, null, 100, long.MaxValue);
        Assert.Equal(100, first.Notifications.Count);
        Assert.True(first.HasMore);
        var second = await store.PageAsync(user, null, NotificationCursor.Of(first.Notifications[^1].Id), 100, long.MaxValue);
        Assert.Equal(50, second.Notifications.Count);
        Assert.False(second.HasMore);
        Assert.Equal(batch.Select(b => b.Id), first.Notifications.Concat(second.Notifications).Select(n => n.Id));
    }

    [Fact]
    public async Task Page_PayloadCap_TruncatesWithHasMore_ButReturnsAtLeastOne()
    {
        var user = Guid.NewGuid();
        for (var i = 0; i < 4; i++)
        {
            await AppendAsync(new string('x', 100), new NotificationTarget(user, null));
        }

        var each = Payload(new string('x', 100)).Length;
        var capped = await store.PageAsync(user, null, null, 100, (2 * each) + (each / 2));
        Assert.Equal(2, capped.Notifications.Count);
        Assert.True(capped.HasMore);
        var tiny = await store.PageAsync(user, null, null, 100, 10);
        Assert.Single(tiny.Notifications);
        Assert.True(tiny.HasMore);
    }

    [Fact]
    public async Task ClientFilter_ExcludesNotificationsTargetedAtOtherClients()
    {
        var user = Guid.NewGuid();
        var a = new ClientId(0xa1);
        var b = new ClientId(0xb2);
        var all = await AppendAsync("all", new NotificationTarget(user, null));
        var forA = await AppendAsync("a", new NotificationTarget(user, [a]));
        var forB = await AppendAsync("b", new NotificationTarget(user, [b]));
        var forAb = await AppendAsync("ab", new NotificationTarget(user, [a, b]));

        Assert.Equal([all, forA, forAb], (await store.PageAsync(user, a, null, 100, long.MaxValue)).Notifications.Select(n => n.Id));
        Assert.Equal([all, forB, forAb], (await store.PageAsync(user, b, null, 100, long.MaxValue)).Notifications.Select(n => n.Id));
        Assert.Equal([all, forA, forB, forAb], (await store.PageAsync(user, null, null, 100, long.MaxValue)).Notifications.Select(n => n.Id));

        Assert.Null(await store.GetAsync(user, forB, a));
        Assert.NotNull(await store.GetAsync(user, forB, b));
        Assert.Equal(forAb, (await store.LastAsync(user, new ClientId(0xa1)))?.Id);
        Assert.Equal(all, (await store.LastAsync(user, new ClientId(0xc3)))?.Id);
        Assert.Equal(forAb, (await store.LastAsync(user, null))?.Id);
        Assert.True(await store.ExistsAsync(user, forB));
        Assert.False(await store.ExistsAsync(Guid.NewGuid(), forB));
    }

    [Fact]
    public async Task SharedPayload_IsStoredOnce()
    {
        var users = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();
        var id = await AppendAsync("shared", [.. users.Select(u => new NotificationTarget(u, null))]);
        await using var c = await Db.OpenAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gundeck_payloads"));
        Assert.Equal(50, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gundeck_notifications WHERE id = @id", new { id = id.ToString() }));
        foreach (var u in users.Take(3))
        {
            Assert.Contains("shared", TextOf((await store.GetAsync(u, id, null))!.Value), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ttl_HidesExpired_AndSweeperDeletesThem()
    {
        var user = Guid.NewGuid();
        var old = await AppendAsync("old", new NotificationTarget(user, null), new NotificationTarget(Guid.NewGuid(), null));
        clock.Advance(TimeSpan.FromMinutes(30));
        var fresh = await AppendAsync("fresh", new NotificationTarget(user, null));
        clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal([fresh], (await store.PageAsync(user, null, null, 100, long.MaxValue)).Notifications.Select(n => n.Id));
        Assert.False(await store.ExistsAsync(user, old));

        var sweeper = new NotificationSweeper(store, clock, Options.Create(options), Microsoft.Extensions.Logging.Abstractions.NullLogger<NotificationSweeper>.Instance);
        var deleted = await sweeper.SweepOnceAsync();
        Assert.Equal(3, deleted);
        await using var c = await Db.OpenAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gundeck_notifications"));
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gundeck_payloads"));
    }

    [Fact]
    public async Task Sweeper_RunsOnItsTimer()
    {
        var user = Guid.NewGuid();
        await AppendAsync("expiring", new NotificationTarget(user, null));
        var sweeper = new NotificationSweeper(store, clock, Options.Create(options), Microsoft.Extensions.Logging.Abstractions.NullLogger<NotificationSweeper>.Instance);
        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            clock.Advance(TimeSpan.FromSeconds(3601));
            await using var c = await Db.OpenAsync();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gundeck_notifications") > 0 && DateTime.UtcNow < deadline)
            {
                // The timer is created when the service's loop starts; keep the fake clock moving until it ticks.
                clock.Advance(TimeSpan.FromSeconds(options.SweepIntervalSeconds));
                await Task.Delay(50);
            }

            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gundeck_notifications"));
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }
    }
}

public sealed class NotificationStoreSqliteTests() : NotificationStoreTests(StorageKind.Sqlite);

public sealed class NotificationStorePostgresTests() : NotificationStoreTests(StorageKind.Postgres);
