namespace WireEdge.Zauth;

/// <summary>Configuration section <c>Zauth</c>.</summary>
public sealed class ZauthOptions
{
    public const string SectionName = "Zauth";

    /// <summary>File with one base64url 64-byte libsodium secret key per line (line number = key index).</summary>
    public string? PrivateKeys { get; set; }

    /// <summary>File with one base64url 32-byte public key per line (line number = key index).
    /// Defaults to the public halves of <see cref="PrivateKeys"/>.</summary>
    public string? PublicKeys { get; set; }

    /// <summary>1-based index of the signing key.</summary>
    public int KeyIndex { get; set; } = 1;

    /// <summary>Number of verified tokens kept in the cache (0 disables it).</summary>
    public int CacheSize { get; set; } = ZauthVerifier.DefaultCacheSize;

    /// <summary>Optional file with an ACL in nginz's <c>zauth.acl</c> format; default <see cref="ZauthAcl.Default"/>.</summary>
    public string? Acl { get; set; }
}
