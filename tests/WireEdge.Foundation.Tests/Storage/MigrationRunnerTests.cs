using Dapper;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;
using WireEdge.Testing;

namespace WireEdge.Foundation.Tests.Storage;

public abstract class MigrationRunnerTests(StorageKind kind) : StoreTestBase(kind)
{
    private sealed class Source(params Migration[] migrations) : IMigrationSource
    {
        public IEnumerable<Migration> Migrations => migrations;
    }

    protected override IEnumerable<IMigrationSource> MigrationSources =>
    [
        new Source(
            new Migration("sample", 1, "create", "CREATE TABLE sample_items (id TEXT PRIMARY KEY, n INTEGER NOT NULL)"),
            new Migration("sample", 2, "blob", d => $"ALTER TABLE sample_items ADD COLUMN data {d.Blob}")),
    ];

    [Fact]
    public async Task Migrations_AreAppliedOnce_AndRecorded()
    {
        var again = await new MigrationRunner(Db, MigrationSources, TimeProvider.System).ApplyAsync();
        Assert.Empty(again);
        await using var c = await Db.OpenAsync();
        var versions = (await c.QueryAsync<long>("SELECT version FROM schema_migrations WHERE module = 'sample' ORDER BY version")).ToList();
        Assert.Equal([1L, 2L], versions);
    }

    [Fact]
    public async Task NewMigration_IsAppliedOnTopOfExisting()
    {
        var next = new Source(new Migration("sample", 3, "index", "CREATE INDEX sample_items_n ON sample_items (n)"));
        var applied = await new MigrationRunner(Db, [.. MigrationSources, next], TimeProvider.System).ApplyAsync();
        Assert.Equal(3, Assert.Single(applied).Version);
    }

    [Fact]
    public async Task GuidParameters_RoundTripAsText()
    {
        var id = Guid.NewGuid();
        await using var c = await Db.OpenAsync();
        await c.ExecuteAsync("INSERT INTO sample_items (id, n, data) VALUES (@id, @n, @data)", new { id, n = 7, data = new byte[] { 1, 2, 3 } });
        var row = await c.QuerySingleAsync<(Guid Id, long N, byte[] Data)>("SELECT id, n, data FROM sample_items WHERE id = @id", new { id });
        Assert.Equal(id, row.Id);
        Assert.Equal(7, row.N);
        Assert.Equal(new byte[] { 1, 2, 3 }, row.Data);
    }

    [Fact]
    public async Task FailingMigration_LeavesNoRecord()
    {
        var bad = new Source(new Migration("broken", 1, "bad", "CREATE TABLE broken_items (id TEXT PRIMARY KEY); THIS IS NOT SQL"));
        await Assert.ThrowsAnyAsync<Exception>(() => new MigrationRunner(Db, [bad], TimeProvider.System).ApplyAsync());
        await using var c = await Db.OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE module = 'broken'"));
    }
}

public sealed class MigrationRunnerSqliteTests() : MigrationRunnerTests(StorageKind.Sqlite);

public sealed class MigrationRunnerPostgresTests() : MigrationRunnerTests(StorageKind.Postgres);
