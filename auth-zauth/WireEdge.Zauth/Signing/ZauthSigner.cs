using System.Text;
using NSec.Cryptography;

namespace WireEdge.Zauth;

/// <summary>
/// Creates tokens in wire-server's canonical format, signed with the secret key at the configured
/// 1-based index (<c>Zauth:KeyIndex</c>). Thread-safe.
/// </summary>
public sealed class ZauthSigner
{
    private const int MaxDataLength = 400;

    private readonly Key _key;

    public ZauthSigner(ZauthKeyRing keys, int keyIndex = 1)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _key = keys.SecretKey(keyIndex)
            ?? throw new ArgumentOutOfRangeException(nameof(keyIndex), keyIndex, $"no secret key with index {keyIndex} (have {keys.SecretKeyCount})");
        KeyIndex = keyIndex;
    }

    /// <summary>The 1-based index written as <c>k=</c>.</summary>
    public int KeyIndex { get; }

    public string CreateAccess(Guid user, string? client, ulong connection, DateTimeOffset expires) =>
        Access(ZauthTokenType.Access, user, client, connection, expires);

    public string CreateLegalHoldAccess(Guid user, string? client, ulong connection, DateTimeOffset expires) =>
        Access(ZauthTokenType.LegalHoldAccess, user, client, connection, expires);

    public string CreateUser(Guid user, uint random, string? client, bool session, DateTimeOffset expires) =>
        User(ZauthTokenType.User, user, random, client, session, expires);

    public string CreateLegalHoldUser(Guid user, uint random, string? client, DateTimeOffset expires) =>
        User(ZauthTokenType.LegalHoldUser, user, random, client, false, expires);

    /// <summary>A bot token; it never expires (<c>d=-1</c>).</summary>
    public string CreateBot(Guid provider, Guid bot, Guid conversation)
    {
        Span<char> data = stackalloc char[MaxDataLength];
        return Sign(data[..ZauthTokenWriter.WriteBot(data, KeyIndex, provider, bot, conversation)]);
    }

    public string CreateProvider(Guid provider, DateTimeOffset expires)
    {
        Span<char> data = stackalloc char[MaxDataLength];
        return Sign(data[..ZauthTokenWriter.WriteProvider(data, KeyIndex, Seconds(expires), provider)]);
    }

    private string Access(ZauthTokenType type, Guid user, string? client, ulong connection, DateTimeOffset expires)
    {
        CheckClient(client);
        Span<char> data = stackalloc char[MaxDataLength];
        return Sign(data[..ZauthTokenWriter.WriteAccess(data, type, KeyIndex, Seconds(expires), user, client, connection)]);
    }

    private string User(ZauthTokenType type, Guid user, uint random, string? client, bool session, DateTimeOffset expires)
    {
        CheckClient(client);
        Span<char> data = stackalloc char[MaxDataLength];
        return Sign(data[..ZauthTokenWriter.WriteUser(data, type, KeyIndex, Seconds(expires), user, random, client, session)]);
    }

    private string Sign(ReadOnlySpan<char> data)
    {
        Span<byte> bytes = stackalloc byte[data.Length];
        Encoding.ASCII.GetBytes(data, bytes);
        Span<byte> signature = stackalloc byte[64];
        SignatureAlgorithm.Ed25519.Sign(_key, bytes, signature);

        Span<char> token = stackalloc char[ZauthTokenParser.SignatureLength + 1 + data.Length];
        Base64UrlPadded.Encode(signature, token);
        token[ZauthTokenParser.SignatureLength] = '.';
        data.CopyTo(token[(ZauthTokenParser.SignatureLength + 1)..]);
        return new string(token);
    }

    private static long Seconds(DateTimeOffset expires)
    {
        var seconds = expires.ToUnixTimeSeconds();
        return seconds < 0 ? throw new ArgumentOutOfRangeException(nameof(expires), "expiry before 1970") : seconds;
    }

    private static void CheckClient(string? client)
    {
        if (client is not null && (client.Length is 0 or > 16 || !client.All(char.IsAsciiHexDigit)))
        {
            throw new ArgumentException("a client id is 1 to 16 hex digits", nameof(client));
        }
    }
}
