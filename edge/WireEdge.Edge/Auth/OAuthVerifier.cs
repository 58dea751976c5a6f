using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace WireEdge.Edge.Auth;

/// <summary>Outcome of an OAuth bearer check.</summary>
public enum OAuthStatus
{
    Valid,

    /// <summary>Not a JWT, bad signature, expired, no subject, no scope claim: 401.</summary>
    Invalid,

    /// <summary>Valid token without the scope the route needs for this method: 403.</summary>
    InsufficientScope,
}

/// <summary>
/// nginz's OAuth fallback on zauth routes: a bearer token that is not a zauth token is checked as a JWT
/// signed with the Ed25519 key of <c>Edge:OAuth</c> (a JWK, <c>{"kty":"OKP","crv":"Ed25519","x":...}</c>;
/// nginz <c>oauth_pub_key</c>). Accepted when the signature holds, <c>alg</c> is <c>EdDSA</c>, <c>exp</c>/<c>nbf</c>/<c>iat</c>
/// hold with 1 s tolerance, <c>sub</c> is a user id, and the space-separated <c>scope</c> claim contains
/// <c>&lt;level&gt;:&lt;route scope&gt;</c> with level <c>read</c>, <c>write</c> or <c>admin</c> for GET,
/// <c>write</c> or <c>admin</c> for POST/PUT, <c>admin</c> for DELETE (other methods: none). The subject becomes
/// <c>Z-User</c>. Verified tokens are cached (bounded) so a repeated token costs no signature check.
/// </summary>
public sealed class OAuthVerifier
{
    private const int CacheCapacity = 4096;
    private const int ToleranceSeconds = 1;
    private const int MaxTokenLength = 8192;
    private static readonly string[] GetLevels = ["read", "write", "admin"];
    private static readonly string[] WriteLevels = ["write", "admin"];
    private static readonly string[] AdminLevels = ["admin"];
    private readonly PublicKey? key;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, Grant> cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public OAuthVerifier(IOptions<EdgeOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.time = time;
        lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        var o = options.Value.OAuth;
        var jwk = o.Jwk;
        var source = "Edge:OAuth:Jwk";
        if (string.IsNullOrWhiteSpace(jwk) && !string.IsNullOrWhiteSpace(o.JwkFile))
        {
            source = "Edge:OAuth:JwkFile";
            try
            {
                jwk = File.ReadAllText(o.JwkFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OptionsValidationException(EdgeOptions.Section, typeof(EdgeOptions), [$"{source}: cannot read '{o.JwkFile}': {e.Message}"]);
            }
        }

        if (!string.IsNullOrWhiteSpace(jwk))
        {
            key = ParseJwk(jwk, out var error)
                ?? throw new OptionsValidationException(EdgeOptions.Section, typeof(EdgeOptions), [$"{source}: {error}"]);
        }
    }

    /// <summary>Whether a key is configured (without one every OAuth token is refused).</summary>
    public bool Enabled => key is not null;

    /// <summary>An Ed25519 public key from a JWK (<c>kty</c> OKP, <c>crv</c> Ed25519, <c>x</c> base64url); null with a reason otherwise.</summary>
    public static PublicKey? ParseJwk(string json, out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("kty", out var kty) || kty.GetString() != "OKP"
                || !root.TryGetProperty("crv", out var crv) || crv.GetString() != "Ed25519"
                || !root.TryGetProperty("x", out var x) || x.ValueKind != JsonValueKind.String)
            {
                error = "not an Ed25519 JWK (kty OKP, crv Ed25519, x)";
                return null;
            }

            Span<byte> raw = stackalloc byte[32];
            if (!Base64Url.TryDecodeFromChars(x.GetString(), raw, out var n) || n != 32)
            {
                error = "x is not a base64url 32-byte key";
                return null;
            }

            return PublicKey.Import(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey);
        }
        catch (JsonException e)
        {
            error = "invalid JSON: " + e.Message;
            return null;
        }
    }

    /// <summary>Checks <paramref name="token"/> for <paramref name="scope"/> and <paramref name="method"/>; on success <paramref name="identity"/> carries <c>Z-User</c>.</summary>
    public OAuthStatus Verify(ReadOnlySpan<char> token, string scope, string method, out EdgeIdentity? identity)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(method);
        identity = null;
        if (key is null || token.IsEmpty || token.Length > MaxTokenLength)
        {
            return OAuthStatus.Invalid;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (!lookup.TryGetValue(token, out var grant))
        {
            grant = Check(token, key, now);
            if (grant is null)
            {
                return OAuthStatus.Invalid;
            }

            if (cache.Count >= CacheCapacity)
            {
                cache.Clear();
            }

            cache.TryAdd(token.ToString(), grant);
        }

        if (grant.Expires is { } exp && now > exp + ToleranceSeconds || grant.NotBefore is { } nbf && now + ToleranceSeconds < nbf)
        {
            lookup.TryRemove(token, out _);
            return OAuthStatus.Invalid;
        }

        if (!grant.Allows(scope, method))
        {
            return OAuthStatus.InsufficientScope;
        }

        identity = grant.Identity;
        return OAuthStatus.Valid;
    }

    /// <summary>Signature and claims of a JWT not seen before; null when it is not acceptable.</summary>
    private static Grant? Check(ReadOnlySpan<char> token, PublicKey key, long now)
    {
        var dot1 = token.IndexOf('.');
        if (dot1 <= 0)
        {
            return null;
        }

        var dot2 = token[(dot1 + 1)..].IndexOf('.') is var d2 && d2 < 0 ? -1 : dot1 + 1 + d2;
        if (dot2 < 0 || token[(dot2 + 1)..].Contains('.'))
        {
            return null;
        }

        Span<byte> signature = stackalloc byte[64];
        if (!Base64Url.TryDecodeFromChars(token[(dot2 + 1)..], signature, out var sigLength) || sigLength != 64 || !Ascii.IsValid(token[..dot2]))
        {
            return null;
        }

        var signed = ArrayPool<byte>.Shared.Rent(dot2);
        var json = ArrayPool<byte>.Shared.Rent(token.Length);
        try
        {
            var n = Encoding.ASCII.GetBytes(token[..dot2], signed);
            if (!SignatureAlgorithm.Ed25519.Verify(key, signed.AsSpan(0, n), signature))
            {
                return null;
            }

            if (!Base64Url.TryDecodeFromChars(token[..dot1], json, out var headerLength) || !HeaderIsEdDsa(json.AsSpan(0, headerLength)))
            {
                return null;
            }

            if (!Base64Url.TryDecodeFromChars(token[(dot1 + 1)..dot2], json, out var payloadLength))
            {
                return null;
            }

            return ReadClaims(json.AsSpan(0, payloadLength), now);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signed);
            ArrayPool<byte>.Shared.Return(json);
        }
    }

    private static bool HeaderIsEdDsa(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var alg = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAlg = reader.ValueTextEquals("alg"u8);
                var isCrit = reader.ValueTextEquals("crit"u8);
                reader.Read();
                if (isCrit)
                {
                    return false; // no critical extension is understood
                }

                if (isAlg)
                {
                    alg = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("EdDSA"u8);
                }

                reader.Skip();
            }

            return alg;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Grant? ReadClaims(ReadOnlySpan<byte> json, long now)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? sub = null;
            string? scope = null;
            long? exp = null;
            long? nbf = null;
            long? iat = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueTextEquals("sub"u8) ? 1 : reader.ValueTextEquals("scope"u8) ? 2
                    : reader.ValueTextEquals("exp"u8) ? 3 : reader.ValueTextEquals("nbf"u8) ? 4 : reader.ValueTextEquals("iat"u8) ? 5 : 0;
                reader.Read();
                switch (name)
                {
                    case 1 when reader.TokenType == JsonTokenType.String:
                        sub = reader.GetString();
                        break;
                    case 2 when reader.TokenType == JsonTokenType.String:
                        scope = reader.GetString();
                        break;
                    case 3 or 4 or 5 when reader.TokenType == JsonTokenType.Number:
                        var v = reader.TryGetInt64(out var l) ? l : (long)Math.Floor(reader.GetDouble());
                        if (name == 3)
                        {
                            exp = v;
                        }
                        else if (name == 4)
                        {
                            nbf = v;
                        }
                        else
                        {
                            iat = v;
                        }

                        break;
                    case 0:
                        reader.Skip();
                        break;
                    default:
                        return null; // a known claim of the wrong type
                }
            }

            if (sub is null || scope is null || !Guid.TryParse(sub, out var user) || iat is { } issued && issued > now + ToleranceSeconds)
            {
                return null;
            }

            return new Grant(EdgeIdentity.ForOAuth(user), scope.Split(' ', StringSplitOptions.RemoveEmptyEntries), exp, nbf);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private sealed class Grant(EdgeIdentity identity, string[] scopes, long? expires, long? notBefore)
    {
        public EdgeIdentity Identity { get; } = identity;

        public long? Expires { get; } = expires;

        public long? NotBefore { get; } = notBefore;

        public bool Allows(string scope, string method)
        {
            var levels = method switch
            {
                "GET" => GetLevels,
                "POST" or "PUT" => WriteLevels,
                "DELETE" => AdminLevels,
                _ => null,
            };
            if (levels is null || scope.Length == 0)
            {
                return false;
            }

            foreach (var s in scopes)
            {
                var colon = s.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || !s.AsSpan(colon + 1).SequenceEqual(scope))
                {
                    continue;
                }

                foreach (var level in levels)
                {
                    if (s.AsSpan(0, colon).SequenceEqual(level))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
