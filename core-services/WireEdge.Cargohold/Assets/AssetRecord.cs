namespace WireEdge.Cargohold.Assets;

/// <summary>What cargohold stores about an asset (the bytes live in the blob store under <see cref="Key"/>).</summary>
public sealed record AssetRecord(
    string Key,
    Guid Owner,
    string? Token,
    bool Public,
    int Retention,
    string ContentType,
    long Size,
    long CreatedMs,
    long? ExpiresMs);
