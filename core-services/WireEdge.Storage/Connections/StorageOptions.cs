namespace WireEdge.Storage.Connections;

/// <summary>Which SQL engine holds the data.</summary>
public enum StorageKind
{
    Sqlite,
    Postgres,
}

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    public string Kind { get; set; } = "sqlite";

    /// <summary>ADO.NET connection string. For SQLite it defaults to <c>&lt;DataDirectory&gt;/wireedge.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Applies pending migrations at start (the all-in-one default); otherwise run the <c>migrate</c> command.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public StorageKind ParsedKind => TryParseKind(Kind, out var k)
        ? k
        : throw new InvalidOperationException($"Storage:Kind: unknown storage kind '{Kind}' (expected sqlite or postgres)");

    public static bool TryParseKind(string? text, out StorageKind kind)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "SQLITE":
                kind = StorageKind.Sqlite;
                return true;
            case "POSTGRES" or "POSTGRESQL":
                kind = StorageKind.Postgres;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
