using WireEdge.Brig;
using WireEdge.Brig.Properties;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;
using WireEdge.Testing;

namespace WireEdge.Brig.Tests.Properties;

public abstract class PropertyStoreTests(StorageKind kind) : StoreTestBase(kind)
{
    private sealed class Source : IMigrationSource
    {
        public IEnumerable<Migration> Migrations => new BrigModule().Migrations;
    }

    protected override IEnumerable<IMigrationSource> MigrationSources => [new Source()];

    private SqlPropertyStore Store => new(Db);

    [Fact]
    public async Task Set_Get_Overwrite_Delete_Clear()
    {
        var user = Guid.NewGuid();

        Assert.True(await Store.SetAsync(user, "k", """{"a":"ü"}""", 16));
        Assert.True(await Store.SetAsync(user, "k", "2", 16));
        Assert.True(await Store.SetAsync(user, "j", "null", 16));

        Assert.Equal("2", await Store.GetAsync(user, "k"));
        Assert.Equal(["j", "k"], (await Store.GetAllAsync(user)).Select(kv => kv.Key).ToArray());
        Assert.True(await Store.DeleteAsync(user, "k"));
        Assert.False(await Store.DeleteAsync(user, "k"));
        Assert.Null(await Store.GetAsync(user, "k"));
        Assert.Equal(1, await Store.ClearAsync(user));
    }

    [Fact]
    public async Task Set_BeyondMaxCount_ReturnsFalse_ButOverwriteIsAllowed()
    {
        var user = Guid.NewGuid();
        Assert.True(await Store.SetAsync(user, "a", "1", 2));
        Assert.True(await Store.SetAsync(user, "b", "1", 2));

        Assert.False(await Store.SetAsync(user, "c", "1", 2));
        Assert.True(await Store.SetAsync(user, "a", "3", 2));
    }
}

public sealed class PropertyStoreSqliteTests() : PropertyStoreTests(StorageKind.Sqlite);

public sealed class PropertyStorePostgresTests() : PropertyStoreTests(StorageKind.Postgres);
