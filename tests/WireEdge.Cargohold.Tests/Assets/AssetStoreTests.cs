using WireEdge.Cargohold.Assets;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;
using WireEdge.Testing;

namespace WireEdge.Cargohold.Tests.Assets;

public abstract class AssetStoreTests(StorageKind kind) : StoreTestBase(kind)
{
    private sealed class Source : IMigrationSource
    {
        public IEnumerable<Migration> Migrations => SqlAssetStore.Migrations;
    }

    protected override IEnumerable<IMigrationSource> MigrationSources => [new Source()];

    private SqlAssetStore Store => new(Db);

    [Fact]
    public async Task InsertAndGet_RoundTripsEveryField()
    {
        var a = new AssetRecord(AssetKey.New(Retention.Expiring), Guid.NewGuid(), "tok", false, 5, "image/png", 1234, 1000, 2000);
        await Store.InsertAsync(a);
        Assert.Equal(a, await Store.GetAsync(a.Key));
        Assert.Null(await Store.GetAsync(AssetKey.New(Retention.Eternal)));
    }

    [Fact]
    public async Task SetToken_ChangesTokenAndPublicFlag()
    {
        var a = new AssetRecord(AssetKey.New(Retention.Persistent), Guid.NewGuid(), "tok", false, 2, "x/y", 1, 1, null);
        await Store.InsertAsync(a);
        Assert.True(await Store.SetTokenAsync(a.Key, null, makePublic: true));
        Assert.Equal(a with { Token = null, Public = true }, await Store.GetAsync(a.Key));
        Assert.False(await Store.SetTokenAsync(AssetKey.New(Retention.Persistent), "t", false));
    }

    [Fact]
    public async Task Expired_ListsOnlyAssetsPastTheirExpiry()
    {
        var old = new AssetRecord(AssetKey.New(Retention.Volatile), Guid.NewGuid(), null, true, 3, "x/y", 1, 1, 100);
        var fresh = new AssetRecord(AssetKey.New(Retention.Volatile), Guid.NewGuid(), null, true, 3, "x/y", 1, 1, 10_000);
        var eternal = new AssetRecord(AssetKey.New(Retention.Eternal), Guid.NewGuid(), null, true, 1, "x/y", 1, 1, null);
        foreach (var a in new[] { old, fresh, eternal })
        {
            await Store.InsertAsync(a);
        }

        Assert.Equal([old.Key], await Store.ExpiredAsync(5000, 10));
        Assert.True(await Store.DeleteAsync(old.Key));
        Assert.False(await Store.DeleteAsync(old.Key));
        Assert.Empty(await Store.ExpiredAsync(5000, 10));
    }

    [Theory]
    [InlineData("3-1-00000000-0000-0000-0000-000000000001", true)]
    [InlineData("3-6-00000000-0000-0000-0000-000000000001", false)]
    [InlineData("3-1-00000000-0000-0000-0000-00000000000G", false)]
    [InlineData("3-1-00000000-0000-0000-0000-00000000000A", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("", false)]
    public void AssetKey_Validates(string key, bool valid) => Assert.Equal(valid, AssetKey.IsValid(key));
}

public sealed class AssetStoreSqliteTests() : AssetStoreTests(StorageKind.Sqlite);

public sealed class AssetStorePostgresTests() : AssetStoreTests(StorageKind.Postgres);
