using System.Globalization;

namespace WireEdge.Zauth;

/// <summary>
/// Parses the text form <c>&lt;sig&gt;.v=1.k=&lt;n&gt;.d=&lt;expiry&gt;.t=&lt;type&gt;.l=&lt;tag&gt;.&lt;body&gt;</c>.
/// Fields are looked up by key (order-independent); unknown, duplicate, missing or malformed fields,
/// non-ASCII text and over-long tokens are rejected. Never throws.
/// </summary>
public static class ZauthTokenParser
{
    /// <summary>Longest token text accepted (real tokens are about 200 chars).</summary>
    public const int MaxTokenLength = 1024;

    /// <summary>Length of the signature text: 64 bytes in padded base64url.</summary>
    public const int SignatureLength = 88;

    private const int V = 0, K = 1, D = 2, T = 3, L = 4, U = 5, I = 6, C = 7, R = 8, P = 9, B = 10, FieldCount = 11;

    /// <summary>Parses a token without checking its signature or expiry.</summary>
    public static bool TryParse(ReadOnlySpan<char> token, out ZauthToken? claims) => TryParse(token, out claims, out _);

    internal static bool TryParse(ReadOnlySpan<char> token, out ZauthToken? claims, out int signedDataStart)
    {
        claims = null;
        signedDataStart = SignatureLength + 1;
        if (token.Length <= signedDataStart || token.Length > MaxTokenLength || token[SignatureLength] != '.')
        {
            return false;
        }

        var data = token[signedDataStart..];
        Span<int> starts = stackalloc int[FieldCount];
        Span<int> lengths = stackalloc int[FieldCount];
        var seen = 0;
        var pos = 0;
        while (pos <= data.Length)
        {
            var rest = data[pos..];
            var end = rest.IndexOf('.');
            var field = end < 0 ? rest : rest[..end];
            var eq = field.IndexOf('=');
            if (eq <= 0)
            {
                return false;
            }

            var key = KeyOf(field[..eq]);
            if (key < 0 || (seen & (1 << key)) != 0)
            {
                return false;
            }

            var value = field[(eq + 1)..];
            foreach (var ch in value)
            {
                // printable ASCII without '.' (the separator); rules out aliasing of non-ASCII chars.
                if (ch is <= ' ' or > '~')
                {
                    return false;
                }
            }

            seen |= 1 << key;
            starts[key] = pos + eq + 1;
            lengths[key] = value.Length;
            if (end < 0)
            {
                break;
            }

            pos += end + 1;
            if (pos == data.Length)
            {
                return false; // trailing '.'
            }
        }

        const int header = 1 << V | 1 << K | 1 << D | 1 << T | 1 << L;
        if ((seen & header) != header)
        {
            return false;
        }

        static ReadOnlySpan<char> Get(ReadOnlySpan<char> d, Span<int> s, Span<int> l, int key) => d.Slice(s[key], l[key]);

        if (!TryInt(Get(data, starts, lengths, V), out var version) || version != 1
            || !TryInt(Get(data, starts, lengths, K), out var keyIndex) || keyIndex < 1
            || !long.TryParse(Get(data, starts, lengths, D), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expires) || expires < -1
            || !ZauthTokenTypes.TryParseLetter(Get(data, starts, lengths, T), out var type))
        {
            return false;
        }

        var tagText = Get(data, starts, lengths, L);
        string tag;
        if (tagText.IsEmpty)
        {
            tag = "";
        }
        else if (tagText is "s")
        {
            tag = "s";
        }
        else
        {
            return false;
        }

        var body = seen & ~header;
        var user = Guid.Empty;
        string? client = null;
        ulong connection = 0;
        uint random = 0;
        Guid? provider = null, bot = null, conversation = null;
        switch (type)
        {
            case ZauthTokenType.Access or ZauthTokenType.LegalHoldAccess:
                if ((body & ~(1 << I)) != (1 << U | 1 << C) || expires == -1
                    || !TryUuid(Get(data, starts, lengths, U), out user)
                    || !ulong.TryParse(Get(data, starts, lengths, C), NumberStyles.None, CultureInfo.InvariantCulture, out connection))
                {
                    return false;
                }

                break;
            case ZauthTokenType.User or ZauthTokenType.LegalHoldUser:
                if ((body & ~(1 << I)) != (1 << U | 1 << R) || expires == -1
                    || !TryUuid(Get(data, starts, lengths, U), out user)
                    || !uint.TryParse(Get(data, starts, lengths, R), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out random))
                {
                    return false;
                }

                break;
            case ZauthTokenType.Bot:
                if (body != (1 << P | 1 << B | 1 << C) || expires != -1
                    || !TryUuid(Get(data, starts, lengths, P), out var p)
                    || !TryUuid(Get(data, starts, lengths, B), out var b)
                    || !TryUuid(Get(data, starts, lengths, C), out var c))
                {
                    return false;
                }

                (provider, bot, conversation) = (p, b, c);
                break;
            default: // provider
                if (body != 1 << P || expires == -1 || !TryUuid(Get(data, starts, lengths, P), out var pr))
                {
                    return false;
                }

                provider = pr;
                break;
        }

        if ((body & (1 << I)) != 0)
        {
            var clientText = Get(data, starts, lengths, I);
            if (clientText.IsEmpty || clientText.Length > 16 || !IsHex(clientText))
            {
                return false;
            }

            client = clientText.ToString();
        }

        claims = new ZauthToken(type, version, keyIndex, expires, tag, user, client, connection, random, provider, bot, conversation);
        return true;
    }

    private static int KeyOf(ReadOnlySpan<char> key) => key.Length != 1 ? -1 : key[0] switch
    {
        'v' => V,
        'k' => K,
        'd' => D,
        't' => T,
        'l' => L,
        'u' => U,
        'i' => I,
        'c' => C,
        'r' => R,
        'p' => P,
        'b' => B,
        _ => -1,
    };

    private static bool TryInt(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool TryUuid(ReadOnlySpan<char> s, out Guid value) => Guid.TryParseExact(s, "D", out value);

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var ch in s)
        {
            if (!char.IsAsciiHexDigit(ch))
            {
                return false;
            }
        }

        return true;
    }
}
