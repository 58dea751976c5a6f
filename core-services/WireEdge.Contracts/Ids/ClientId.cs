using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WireEdge.Contracts.Ids;

/// <summary>
/// A Wire device (client) id: a 64-bit unsigned integer rendered as lowercase hex without leading
/// zeros. Any hex (upper case, leading zeros) is accepted on input.
/// </summary>
[JsonConverter(typeof(ClientIdJsonConverter))]
public readonly record struct ClientId(ulong Value) : ISpanFormattable
{
    public override string ToString() => Value.ToString("x", CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => Value.TryFormat(destination, out charsWritten, "x", CultureInfo.InvariantCulture);

    public static bool TryParse([NotNullWhen(true)] string? text, out ClientId id)
        => TryParse(text.AsSpan(), out id) && text is not null;

    public static bool TryParse(ReadOnlySpan<char> text, out ClientId id)
    {
        id = default;
        if (text.IsEmpty || text.Length > 32)
        {
            return false;
        }

        // Leading zeros are allowed on input; more than 16 significant digits are not.
        var trimmed = text.TrimStart('0');
        if (trimmed.Length > 16)
        {
            return false;
        }

        if (trimmed.IsEmpty)
        {
            foreach (var c in text)
            {
                if (c != '0')
                {
                    return false;
                }
            }

            return true;
        }

        if (!ulong.TryParse(trimmed, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        id = new ClientId(value);
        return true;
    }

    public static ClientId Parse(string text)
        => TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a client id");
}

public sealed class ClientIdJsonConverter : JsonConverter<ClientId>
{
    public override ClientId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("client id must be a string");
        }

        return ClientId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("invalid client id");
    }

    public override void Write(Utf8JsonWriter writer, ClientId value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[16];
        value.Value.TryFormat(buffer, out var n, "x", CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..n]);
    }

    public override ClientId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => ClientId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("invalid client id");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, ClientId value, JsonSerializerOptions options)
        => writer.WritePropertyName(value.ToString());
}
