using System.Data.Common;

namespace WireEdge.Storage.Connections;

/// <summary>Opens connections to the configured database. Every store takes this, never a connection string.</summary>
public interface IDbConnectionFactory
{
    SqlDialect Dialect { get; }

    /// <summary>Opens a new pooled connection (dispose it when done).</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);
}
