using WireEdge.Storage.Connections;

namespace WireEdge.Galley.Tests.Support;

/// <summary>One <see cref="GalleyHost"/> shared by the tests of a class (tests use fresh users and conversations).</summary>
public abstract class GalleyHostFixture(StorageKind kind) : IAsyncLifetime
{
    private GalleyHost? host;

    public GalleyHost Host => host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => host = await GalleyHost.StartAsync(kind);

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

public sealed class SqliteGalleyFixture() : GalleyHostFixture(StorageKind.Sqlite);

public sealed class PostgresGalleyFixture() : GalleyHostFixture(StorageKind.Postgres);
