using System.Data.Common;
using Dapper;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;

namespace WireEdge.Brig.Internal;

/// <summary>
/// Tables of brig's device side (module <c>brig-devices</c>). Client ids (uint64) are stored as
/// their two's-complement BIGINT; times as epoch milliseconds.
/// </summary>
public static class DeviceSchema
{
    public const string Module = "brig-devices";

    public static IEnumerable<Migration> Migrations =>
    [
        new Migration(Module, 1, "clients and prekeys", """
            CREATE TABLE brig_clients (
                user_id TEXT NOT NULL,
                client_id BIGINT NOT NULL,
                type TEXT NOT NULL,
                class TEXT NULL,
                label TEXT NULL,
                model TEXT NULL,
                cookie TEXT NULL,
                capabilities TEXT NOT NULL,
                created_ms BIGINT NOT NULL,
                last_active_ms BIGINT NULL,
                PRIMARY KEY (user_id, client_id));
            CREATE TABLE brig_prekeys (
                user_id TEXT NOT NULL,
                client_id BIGINT NOT NULL,
                key_id INTEGER NOT NULL,
                key_data TEXT NOT NULL,
                PRIMARY KEY (user_id, client_id, key_id));
            """),
        new Migration(Module, 2, "connections", """
            CREATE TABLE brig_connections (
                from_user TEXT NOT NULL,
                to_user TEXT NOT NULL,
                to_domain TEXT NOT NULL,
                status TEXT NOT NULL,
                last_update_ms BIGINT NOT NULL,
                conversation TEXT NULL,
                PRIMARY KEY (from_user, to_user));
            CREATE INDEX brig_connections_status ON brig_connections (from_user, status);
            """),
    ];

    /// <summary>
    /// Begins a write transaction serialised per user: <c>BEGIN IMMEDIATE</c> on SQLite (one writer),
    /// a transaction-scoped advisory lock on the user on PostgreSQL.
    /// </summary>
    public static async Task<DbTransaction> BeginUserWriteAsync(DbConnection connection, SqlDialect dialect, Guid user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);

        // Microsoft.Data.Sqlite starts non-deferred transactions with BEGIN IMMEDIATE.
        var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (dialect.IsPostgres)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@k)", new { k = LockKeyOf(user) }, tx).ConfigureAwait(false);
        }

        return tx;
    }

    internal static long LockKeyOf(Guid user)
    {
        Span<byte> b = stackalloc byte[16];
        user.TryWriteBytes(b);
        return BitConverter.ToInt64(b) ^ 0x0DE71CE5;
    }

    public static long ToDb(this Contracts.Ids.ClientId id) => unchecked((long)id.Value);

    public static Contracts.Ids.ClientId FromDb(long value) => new(unchecked((ulong)value));
}
