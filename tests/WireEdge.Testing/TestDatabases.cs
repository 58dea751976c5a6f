using Npgsql;
using WireEdge.Storage.Connections;

namespace WireEdge.Testing;

/// <summary>
/// Fresh databases for tests: a temporary SQLite file, or a new database on the real PostgreSQL
/// server named by <c>WIREEDGE_TEST_POSTGRES</c> (default: the private server tests/infra/servers.sh starts on 127.0.0.1:55432).
/// A PostgreSQL test fails, never skips, when the server is not there: CI starts it.
/// </summary>
public static class TestDatabases
{
    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("WIREEDGE_TEST_POSTGRES") is { Length: > 0 } s
            ? s
            : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    /// <summary>A connection string for a new, empty database of the given kind.</summary>
    public static async Task<string> CreateAsync(StorageKind kind)
    {
        if (kind == StorageKind.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "wireedge-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return $"Data Source={Path.Combine(dir, "test.db")}";
        }

        var name = "t_" + Guid.NewGuid().ToString("N");
        try
        {
            await using var admin = new NpgsqlConnection(PostgresAdminConnectionString);
            await admin.OpenAsync();
            await using var cmd = admin.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE {name}";
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is required for this test but is not reachable with WIREEDGE_TEST_POSTGRES='{PostgresAdminConnectionString}': {e.Message}. " +
                "Run tests through tests/run-all.sh (it starts PostgreSQL) or start one yourself.", e);
        }

        return new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 20 }.ToString();
    }

    public static async Task<IDbConnectionFactory> CreateFactoryAsync(StorageKind kind)
    {
        DapperSetup.Configure();
        var cs = await CreateAsync(kind);
        return kind == StorageKind.Sqlite ? new SqliteConnectionFactory(cs) : new PostgresConnectionFactory(cs);
    }
}
