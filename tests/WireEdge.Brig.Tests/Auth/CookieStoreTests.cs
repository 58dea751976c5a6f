using WireEdge.Brig;
using WireEdge.Brig.Auth;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;
using WireEdge.Testing;

namespace WireEdge.Brig.Tests.Auth;

public abstract class CookieStoreTests(StorageKind kind) : StoreTestBase(kind)
{
    private sealed class Source : IMigrationSource
    {
        public IEnumerable<Migration> Migrations => new BrigModule().Migrations;
    }

    protected override IEnumerable<IMigrationSource> MigrationSources => [new Source()];

    private SqlCookieStore Store => new(Db);

    private static CookieRow Row(Guid user, long id, long created, string? label = null, long expires = 9_000_000_000_000) => new()
    {
        UserId = user,
        Id = id,
        Persistent = true,
        Created = created,
        Expires = expires,
        Label = label,
    };

    [Fact]
    public async Task Insert_Get_RoundTrip_WithUint32Ids()
    {
        var user = Guid.NewGuid();
        await Store.InsertAsync(Row(user, uint.MaxValue, 1, "lbl"));

        var got = await Store.GetAsync(user, uint.MaxValue);

        Assert.NotNull(got);
        Assert.Equal("lbl", got.Label);
        Assert.True(got.Persistent);
        Assert.Null(got.SuccId);
        Assert.Null(await Store.GetAsync(Guid.NewGuid(), uint.MaxValue));
    }

    [Fact]
    public async Task Evict_DropsExpiredAndOldestBeyondLimit()
    {
        var user = Guid.NewGuid();
        for (var i = 1; i <= 5; i++)
        {
            await Store.InsertAsync(Row(user, i, created: i * 10));
        }

        await Store.InsertAsync(Row(user, 99, created: 100, expires: 50));

        var removed = await Store.EvictAsync(user, 3, nowMillis: 60);

        Assert.Equal(3, removed);
        var left = (await Store.ListAsync(user)).Select(c => c.Id).ToArray();
        Assert.Equal(new long[] { 3, 4, 5 }, left);
    }

    [Fact]
    public async Task DeleteByLabels_AndIds_AndAll()
    {
        var user = Guid.NewGuid();
        await Store.InsertAsync(Row(user, 1, 1, "a"));
        await Store.InsertAsync(Row(user, 2, 2, "b"));
        await Store.InsertAsync(Row(user, 3, 3, null));
        await Store.InsertAsync(Row(user, 4, 4, null));

        Assert.Equal(1, await Store.DeleteByLabelsAsync(user, ["a", "zzz"]));
        Assert.Equal(1, await Store.DeleteAsync(user, [3]));
        Assert.Equal(2, await Store.DeleteAllAsync(user));
        Assert.Empty(await Store.ListAsync(user));
    }

    [Fact]
    public async Task SetSuccessor_RecordsItAndOnlyShortensExpiry()
    {
        var user = Guid.NewGuid();
        await Store.InsertAsync(Row(user, 1, 1, expires: 1000));

        await Store.SetSuccessorAsync(user, 1, 2, expires: 5000);
        var got = await Store.GetAsync(user, 1);

        Assert.Equal(2, got!.SuccId);
        Assert.Equal(1000, got.Expires);
        await Store.SetSuccessorAsync(user, 1, 2, expires: 500);
        Assert.Equal(500, (await Store.GetAsync(user, 1))!.Expires);
    }
}

public sealed class CookieStoreSqliteTests() : CookieStoreTests(StorageKind.Sqlite);

public sealed class CookieStorePostgresTests() : CookieStoreTests(StorageKind.Postgres);
