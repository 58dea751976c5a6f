using System.Text.Json;
using StackExchange.Redis;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Push;
using WireEdge.Gundeck.Presences;

namespace WireEdge.Gundeck.Tests.Presences;

/// <summary>The presence layout and epoch, against the embedded Garnet and a real redis-server.</summary>
public abstract class PresenceRegistryTests : IAsyncLifetime
{
    private static readonly Uri CannonA = new("http://127.0.0.1:8085");
    private static readonly Uri CannonB = new("http://10.0.0.2:8085");
    private RedisConnectionProvider redis = null!;
    private RedisPresenceRegistry registry = null!;
    private IDatabase db = null!;
    private IServer server = null!;

    protected abstract RedisConnectionProvider CreateProvider();

    /// <summary>Empties the store as a restart would (FLUSHALL on the private Garnet; FLUSHDB of a dedicated database on the shared redis-server).</summary>
    protected abstract Task FlushAsync(IServer server, IDatabase db);

    public async Task InitializeAsync()
    {
        redis = CreateProvider();
        registry = new RedisPresenceRegistry(redis);
        var mux = await redis.GetAsync();
        Assert.True(mux.IsConnected, "presence store not reachable: " + redis.ConfigurationString);
        db = mux.GetDatabase();
        server = mux.GetServer(mux.GetEndPoints()[0]);
    }

    public async Task DisposeAsync() => await redis.DisposeAsync();

    [Fact]
    public async Task Register_WritesFactsLayout_WithSevenDayExpiry()
    {
        var user = Guid.NewGuid();
        await registry.RegisterAsync(new Presence(user, "conn1", CannonA, new ClientId(0xabc), 1_700_000_000_123));
        await registry.RegisterAsync(new Presence(user, "conn2", CannonB, null, 1_700_000_000_456));

        var key = "user:" + user.ToString("D");
        Assert.Equal(RedisType.Hash, await db.KeyTypeAsync(key));
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value.TotalSeconds, 604_000, 604_800);

        using var v1 = JsonDocument.Parse((string)(await db.HashGetAsync(key, "conn1"))!);
        Assert.Equal($"http://127.0.0.1:8085/i/push/{user:D}/conn1", v1.RootElement.GetProperty("r").GetString());
        Assert.Equal("abc", v1.RootElement.GetProperty("c").GetString());
        Assert.Equal(1_700_000_000_123, v1.RootElement.GetProperty("t").GetInt64());
        using var v2 = JsonDocument.Parse((string)(await db.HashGetAsync(key, "conn2"))!);
        Assert.Equal(JsonValueKind.Null, v2.RootElement.GetProperty("c").ValueKind);

        var list = await registry.GetAsync([user, Guid.NewGuid()]);
        Assert.Equal(2, list.Count);
        var p1 = list.Single(p => p.Connection == "conn1");
        Assert.Equal(CannonA, p1.Cannon);
        Assert.Equal(new ClientId(0xabc), p1.Client);
        Assert.Equal(1_700_000_000_123, p1.CreatedAtMs);
    }

    [Fact]
    public async Task Get_ReadsLegacyEntries()
    {
        var user = Guid.NewGuid();
        var key = "user:" + user.ToString("D");
        await db.HashSetAsync(key, "old@cannon-1", $"http://10.1.1.1:8080/i/push/{user:D}/old");
        var p = Assert.Single(await registry.GetAsync([user]));
        Assert.Equal("old", p.Connection);
        Assert.Equal(new Uri("http://10.1.1.1:8080"), p.Cannon);
        Assert.Null(p.Client);
    }

    [Fact]
    public async Task Unregister_OnlyRemovesWhenCannonMatches()
    {
        var user = Guid.NewGuid();
        await registry.RegisterAsync(new Presence(user, "c", CannonA, null, 1));
        await registry.UnregisterAsync(user, "c", CannonB);
        Assert.Single(await registry.GetAsync([user]));
        await registry.UnregisterAsync(user, "c", CannonA);
        Assert.Empty(await registry.GetAsync([user]));
    }

    [Fact]
    public async Task Epoch_IsStable_AndChangesWhenTheStoreIsFlushed()
    {
        var e1 = await registry.GetEpochAsync();
        Assert.Equal(e1, await registry.GetEpochAsync());
        var user = Guid.NewGuid();
        Assert.Equal(e1, await registry.RegisterAsync(new Presence(user, "c", CannonA, null, 1)));

        await FlushAsync(server, db);

        Assert.Empty(await registry.GetAsync([user]));
        var e2 = await registry.GetEpochAsync();
        Assert.NotEqual(e1, e2);
        // A second registry instance (another process) sees the same new epoch.
        Assert.Equal(e2, await new RedisPresenceRegistry(redis).GetEpochAsync());
    }

    [Fact]
    public async Task Register_AfterFlush_ReturnsTheNewEpoch_AndPresenceIsStored()
    {
        var e1 = await registry.RegisterAsync(new Presence(Guid.NewGuid(), "c", CannonA, null, 1));
        await FlushAsync(server, db);
        var user = Guid.NewGuid();
        var e2 = await registry.RegisterAsync(new Presence(user, "c", CannonA, null, 1));
        Assert.NotEqual(e1, e2);
        Assert.Equal(e2, (string?)await db.StringGetAsync(RedisPresenceRegistry.EpochKey));
        Assert.Single(await registry.GetAsync([user]));
    }
}

public sealed class PresenceRegistryGarnetTests : PresenceRegistryTests
{
    protected override RedisConnectionProvider CreateProvider() => RedisConnectionProvider.Embedded(0);

    protected override Task FlushAsync(IServer server, IDatabase db) => server.FlushAllDatabasesAsync();
}

/// <summary>Needs the redis-server of tests/infra/servers.sh (WIREEDGE_TEST_REDIS, default 127.0.0.1:56379); fails when absent.</summary>
public sealed class PresenceRegistryRedisServerTests : PresenceRegistryTests
{
    public static string Address => Environment.GetEnvironmentVariable("WIREEDGE_TEST_REDIS") is { Length: > 0 } s ? s : "127.0.0.1:56379";

    protected override RedisConnectionProvider CreateProvider() => RedisConnectionProvider.External(Address + ",allowAdmin=true,connectTimeout=3000,defaultDatabase=7");

    protected override Task FlushAsync(IServer server, IDatabase db) => server.FlushDatabaseAsync(db.Database);
}
