using Xunit;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;

namespace WireEdge.Testing;

/// <summary>
/// Base of store contract tests: each store's test class derives from this once and is then
/// instantiated for SQLite and PostgreSQL (two one-line subclasses), so the same assertions run
/// against both engines. The database is fresh per test class instance and fully migrated.
/// </summary>
public abstract class StoreTestBase(StorageKind kind) : IAsyncLifetime
{
    private IDbConnectionFactory? factory;

    protected StorageKind Kind { get; } = kind;

    protected IDbConnectionFactory Db => factory ?? throw new InvalidOperationException("not initialised");

    /// <summary>The migrations the store under test needs.</summary>
    protected abstract IEnumerable<IMigrationSource> MigrationSources { get; }

    public virtual async Task InitializeAsync()
    {
        factory = await TestDatabases.CreateFactoryAsync(Kind);
        await new MigrationRunner(factory, MigrationSources, TimeProvider.System).ApplyAsync();
    }

    public virtual async Task DisposeAsync()
    {
        switch (factory)
        {
            case IAsyncDisposable d:
                await d.DisposeAsync();
                break;
            case IDisposable d:
                d.Dispose();
                break;
        }
    }
}
