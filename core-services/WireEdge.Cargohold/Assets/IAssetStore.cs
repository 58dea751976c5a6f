namespace WireEdge.Cargohold.Assets;

/// <summary>Asset metadata (SQLite / PostgreSQL).</summary>
public interface IAssetStore
{
    Task InsertAsync(AssetRecord asset, CancellationToken cancellationToken = default);

    Task<AssetRecord?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Sets (or with null removes) the asset's token; false if there is no such asset.</summary>
    Task<bool> SetTokenAsync(string key, string? token, bool makePublic, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Keys of assets expired at <paramref name="nowMs"/>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> ExpiredAsync(long nowMs, int limit, CancellationToken cancellationToken = default);
}
