namespace WireEdge.Storage.Connections;

public static class ConnectionFactories
{
    /// <summary>Creates the factory for the configured storage; SQLite defaults to a file under <paramref name="dataDirectory"/>.</summary>
    public static IDbConnectionFactory Create(StorageOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ParsedKind switch
        {
            StorageKind.Sqlite => new SqliteConnectionFactory(
                string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? $"Data Source={Path.Combine(dataDirectory, "wireedge.db")}"
                    : options.ConnectionString),
            StorageKind.Postgres => new PostgresConnectionFactory(
                string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? throw new InvalidOperationException("Storage:ConnectionString: required when Storage:Kind is postgres")
                    : options.ConnectionString),
            _ => throw new InvalidOperationException($"Storage:Kind: unknown storage kind '{options.Kind}'"),
        };
    }
}
