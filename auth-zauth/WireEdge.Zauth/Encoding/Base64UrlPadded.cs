namespace WireEdge.Zauth;

/// <summary>
/// base64url (<c>-</c>, <c>_</c>) WITH <c>=</c> padding, as wire-server writes signatures and keys.
/// Decoding is strict: exact length, padding required, unused trailing bits must be zero, so every
/// byte string has exactly one accepted text form (a flipped bit in the text never decodes to the same bytes).
/// </summary>
internal static class Base64UrlPadded
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly sbyte[] Values = BuildValues(standardToo: false);
    private static readonly sbyte[] LenientValues = BuildValues(standardToo: true);

    public static int EncodedLength(int bytes) => (bytes + 2) / 3 * 4;

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[EncodedLength(data.Length)];
        Encode(data, chars);
        return new string(chars);
    }

    /// <summary>Writes exactly <see cref="EncodedLength"/> chars.</summary>
    public static void Encode(ReadOnlySpan<byte> data, Span<char> output)
    {
        var o = 0;
        var i = 0;
        for (; i + 3 <= data.Length; i += 3)
        {
            var v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            output[o++] = Alphabet[(v >> 18) & 63];
            output[o++] = Alphabet[(v >> 12) & 63];
            output[o++] = Alphabet[(v >> 6) & 63];
            output[o++] = Alphabet[v & 63];
        }

        var rest = data.Length - i;
        if (rest == 1)
        {
            var v = data[i] << 16;
            output[o++] = Alphabet[(v >> 18) & 63];
            output[o++] = Alphabet[(v >> 12) & 63];
            output[o++] = '=';
            output[o] = '=';
        }
        else if (rest == 2)
        {
            var v = (data[i] << 16) | (data[i + 1] << 8);
            output[o++] = Alphabet[(v >> 18) & 63];
            output[o++] = Alphabet[(v >> 12) & 63];
            output[o++] = Alphabet[(v >> 6) & 63];
            output[o] = '=';
        }
    }

    /// <summary>Strictly decodes <paramref name="text"/> into exactly <paramref name="output"/>.Length bytes.</summary>
    public static bool TryDecodeExact(ReadOnlySpan<char> text, Span<byte> output) => TryDecodeExact(text, output, Values);

    /// <summary>Like <see cref="TryDecodeExact(ReadOnlySpan{char}, Span{byte})"/> but also accepts the standard
    /// alphabet (<c>+</c>, <c>/</c>) and missing padding; for key files written by other tools.</summary>
    public static bool TryDecodeKey(ReadOnlySpan<char> text, Span<byte> output)
    {
        var padded = EncodedLength(output.Length);
        if (text.Length == padded)
        {
            return TryDecodeExact(text, output, LenientValues);
        }

        var pad = padded - text.Length;
        if (pad is < 1 or > 2 || output.Length % 3 != 3 - pad)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[padded];
        text.CopyTo(buffer);
        buffer[text.Length..].Fill('=');
        return TryDecodeExact(buffer, output, LenientValues);
    }

    private static bool TryDecodeExact(ReadOnlySpan<char> text, Span<byte> output, sbyte[] values)
    {
        if (text.Length != EncodedLength(output.Length))
        {
            return false;
        }

        var o = 0;
        var full = output.Length / 3;
        var t = 0;
        for (var g = 0; g < full; g++, t += 4)
        {
            var v = Sextet(text[t], values) << 18 | Sextet(text[t + 1], values) << 12 | Sextet(text[t + 2], values) << 6 | Sextet(text[t + 3], values);
            if (v < 0)
            {
                return false;
            }

            output[o++] = (byte)(v >> 16);
            output[o++] = (byte)(v >> 8);
            output[o++] = (byte)v;
        }

        var rest = output.Length - o;
        if (rest == 0)
        {
            return true;
        }

        var a = Sextet(text[t], values);
        var b = Sextet(text[t + 1], values);
        if (a < 0 || b < 0 || text[t + 3] != '=')
        {
            return false;
        }

        if (rest == 1)
        {
            // one byte: 8 bits in 12; the low 4 bits of b must be zero.
            if (text[t + 2] != '=' || (b & 0x0F) != 0)
            {
                return false;
            }

            output[o] = (byte)(a << 2 | b >> 4);
            return true;
        }

        var c = Sextet(text[t + 2], values);
        if (c < 0 || (c & 0x03) != 0)
        {
            return false;
        }

        output[o++] = (byte)(a << 2 | b >> 4);
        output[o] = (byte)((b & 0x0F) << 4 | c >> 2);
        return true;
    }

    private static int Sextet(char c, sbyte[] values) => c < 128 ? values[c] : -1;

    private static sbyte[] BuildValues(bool standardToo)
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        if (standardToo)
        {
            values['+'] = 62;
            values['/'] = 63;
        }

        return values;
    }
}
