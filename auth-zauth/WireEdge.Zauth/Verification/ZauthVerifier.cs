using NSec.Cryptography;

namespace WireEdge.Zauth;

/// <summary>
/// Verifies tokens: parse, key index, Ed25519 signature over the raw bytes after the first <c>.</c>,
/// expiry against the injected <see cref="TimeProvider"/>. Tokens that verified are kept in a bounded
/// cache until their own expiry (expiry is still checked on every hit); forged, invalid or expired tokens
/// are never cached. Never throws on bad input. Thread-safe.
/// </summary>
public sealed class ZauthVerifier
{
    /// <summary>Default number of cached tokens.</summary>
    public const int DefaultCacheSize = 16384;

    private readonly ZauthKeyRing _keys;
    private readonly TimeProvider _time;
    private readonly VerifiedTokenCache? _cache;

    public ZauthVerifier(ZauthKeyRing keys, TimeProvider time, int cacheSize = DefaultCacheSize)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(cacheSize);
        _keys = keys;
        _time = time;
        _cache = cacheSize == 0 ? null : new VerifiedTokenCache(cacheSize);
    }

    internal VerifiedTokenCache? Cache => _cache;

    public ZauthVerifyResult Verify(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Verify(token.AsSpan(), token);
    }

    public ZauthVerifyResult Verify(ReadOnlySpan<char> token) => Verify(token, null);

    /// <summary>Verifies without consulting or filling the cache (for benchmarks and tests).</summary>
    internal ZauthVerifyResult VerifyUncached(ReadOnlySpan<char> token) => VerifySignature(token);

    private ZauthVerifyResult Verify(ReadOnlySpan<char> token, string? text)
    {
        if (_cache is null)
        {
            return VerifySignature(token);
        }

        var hash = VerifiedTokenCache.Hash(token);
        var cached = _cache.Find(token, hash);
        if (cached is not null)
        {
            if (cached.IsExpiredAt(_time.GetUtcNow().ToUnixTimeSeconds()))
            {
                _cache.Remove(token, hash);
                return new ZauthVerifyResult(ZauthVerifyStatus.Expired, cached);
            }

            return new ZauthVerifyResult(ZauthVerifyStatus.Valid, cached);
        }

        var result = VerifySignature(token);
        if (result.Status == ZauthVerifyStatus.Valid)
        {
            _cache.Add(text ?? token.ToString(), hash, result.Token!);
        }

        return result;
    }

    private ZauthVerifyResult VerifySignature(ReadOnlySpan<char> token)
    {
        if (!ZauthTokenParser.TryParse(token, out var claims, out var signedDataStart) || claims is null)
        {
            return ZauthVerifyResult.Invalid;
        }

        var key = _keys.PublicKey(claims.KeyIndex);
        Span<byte> signature = stackalloc byte[64];
        if (key is null || !Base64UrlPadded.TryDecodeExact(token[..ZauthTokenParser.SignatureLength], signature))
        {
            return ZauthVerifyResult.Invalid;
        }

        // The parser admitted printable ASCII only, so one char is one byte.
        var data = token[signedDataStart..];
        Span<byte> bytes = stackalloc byte[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            bytes[i] = (byte)data[i];
        }

        if (!SignatureAlgorithm.Ed25519.Verify(key, bytes, signature))
        {
            return ZauthVerifyResult.Falsified;
        }

        return claims.IsExpiredAt(_time.GetUtcNow().ToUnixTimeSeconds())
            ? new ZauthVerifyResult(ZauthVerifyStatus.Expired, claims)
            : new ZauthVerifyResult(ZauthVerifyStatus.Valid, claims);
    }
}
