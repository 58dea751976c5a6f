namespace WireEdge.Storage.Connections;

/// <summary>
/// The small differences between SQLite and PostgreSQL that portable SQL cannot hide. Stores keep
/// their SQL in the common subset (parameters as <c>@name</c>, <c>INSERT ... ON CONFLICT</c>,
/// <c>LIMIT</c>) and ask the dialect only for the rest.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(StorageKind.Sqlite);
    public static readonly SqlDialect Postgres = new(StorageKind.Postgres);

    private SqlDialect(StorageKind kind) => Kind = kind;

    public StorageKind Kind { get; }

    public bool IsSqlite => Kind == StorageKind.Sqlite;

    public bool IsPostgres => Kind == StorageKind.Postgres;

    /// <summary>Column type for binary data.</summary>
    public string Blob => IsSqlite ? "BLOB" : "BYTEA";

    /// <summary>Column type for a 64-bit integer.</summary>
    public string BigInt => "BIGINT";

    /// <summary>Column type for UUIDs. Stored as text (lowercase, dashed) on both engines for portability.</summary>
    public string Uuid => "TEXT";

    /// <summary>Suffix that locks selected rows for update where the engine supports it.</summary>
    public string ForUpdate => IsSqlite ? string.Empty : " FOR UPDATE";

    /// <summary>Suffix that locks selected rows and skips rows locked by others (PostgreSQL only).</summary>
    public string ForUpdateSkipLocked => IsSqlite ? string.Empty : " FOR UPDATE SKIP LOCKED";
}
