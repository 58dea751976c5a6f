using Dapper;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;

namespace WireEdge.Cargohold.Assets;

public sealed class SqlAssetStore(IDbConnectionFactory db) : IAssetStore
{
    private const string Columns = "asset_key AS Key, owner AS Owner, token AS Token, is_public AS Public, retention AS Retention, content_type AS ContentType, size AS Size, created_ms AS CreatedMs, expires_ms AS ExpiresMs";

    public static IEnumerable<Migration> Migrations =>
    [
        new Migration("cargohold", 1, "assets", """
            CREATE TABLE cargohold_assets (
                asset_key TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                token TEXT NULL,
                is_public INTEGER NOT NULL,
                retention INTEGER NOT NULL,
                content_type TEXT NOT NULL,
                size BIGINT NOT NULL,
                created_ms BIGINT NOT NULL,
                expires_ms BIGINT NULL);
            CREATE INDEX cargohold_assets_expires ON cargohold_assets (expires_ms);
            """),
    ];

    public async Task InsertAsync(AssetRecord asset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(
            "INSERT INTO cargohold_assets (asset_key, owner, token, is_public, retention, content_type, size, created_ms, expires_ms) VALUES (@Key, @Owner, @Token, @IsPublic, @Retention, @ContentType, @Size, @CreatedMs, @ExpiresMs)",
            new { asset.Key, asset.Owner, asset.Token, IsPublic = asset.Public ? 1 : 0, asset.Retention, asset.ContentType, asset.Size, asset.CreatedMs, asset.ExpiresMs }).ConfigureAwait(false);
    }

    public async Task<AssetRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM cargohold_assets WHERE asset_key = @key", new { key }).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<bool> SetTokenAsync(string key, string? token, bool makePublic, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.ExecuteAsync(
            "UPDATE cargohold_assets SET token = @token, is_public = @pub WHERE asset_key = @key", new { key, token, pub = makePublic ? 1 : 0 }).ConfigureAwait(false) > 0;
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.ExecuteAsync("DELETE FROM cargohold_assets WHERE asset_key = @key", new { key }).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<string>> ExpiredAsync(long nowMs, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return [.. await c.QueryAsync<string>(
            "SELECT asset_key FROM cargohold_assets WHERE expires_ms IS NOT NULL AND expires_ms <= @nowMs ORDER BY expires_ms LIMIT @limit", new { nowMs, limit }).ConfigureAwait(false)];
    }

    private sealed class Row
    {
        public string Key { get; set; } = string.Empty;

        public Guid Owner { get; set; }

        public string? Token { get; set; }

        public long Public { get; set; }

        public long Retention { get; set; }

        public string ContentType { get; set; } = string.Empty;

        public long Size { get; set; }

        public long CreatedMs { get; set; }

        public long? ExpiresMs { get; set; }

        public AssetRecord ToRecord() => new(Key, Owner, Token, Public != 0, (int)Retention, ContentType, Size, CreatedMs, ExpiresMs);
    }
}
