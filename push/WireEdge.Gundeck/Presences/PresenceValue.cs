using System.Buffers;
using System.Text;
using System.Text.Json;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Push;

namespace WireEdge.Gundeck.Presences;

/// <summary>
/// The Redis layout of FACTS.md §5.4: hash <c>user:&lt;uid&gt;</c>, field = connection id, value
/// <c>{"r":"&lt;cannon&gt;/i/push/&lt;uid&gt;/&lt;conn&gt;","c":"&lt;client&gt;"|null,"t":&lt;ms&gt;}</c>
/// (legacy: the raw resource URI; legacy field <c>conn@cannon</c> is read as <c>conn</c>).
/// </summary>
public static class PresenceValue
{
    private const string PushSegment = "/i/push/";

    public static string Key(Guid user) => "user:" + user.ToString("D");

    /// <summary>The cannon's base URI as text, without trailing slash.</summary>
    public static string CannonBase(Uri cannon)
    {
        ArgumentNullException.ThrowIfNull(cannon);
        return cannon.AbsoluteUri.TrimEnd('/');
    }

    /// <summary>The resource URI cannon registers: <c>&lt;cannon&gt;/i/push/&lt;uid&gt;/&lt;conn&gt;</c>.</summary>
    public static string Resource(Uri cannon, Guid user, string connection)
        => CannonBase(cannon) + PushSegment + user.ToString("D") + "/" + Uri.EscapeDataString(connection);

    /// <summary>The cannon base of a resource URI, or null when it is not one.</summary>
    public static Uri? CannonOf(string resource)
    {
        var i = resource.LastIndexOf(PushSegment, StringComparison.Ordinal);
        var b = i > 0 ? resource[..i] : resource;
        return Uri.TryCreate(b, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u : null;
    }

    public static byte[] Encode(Presence presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        var buffer = new ArrayBufferWriter<byte>(192);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("r", Resource(presence.Cannon, presence.User, presence.Connection));
            if (presence.Client is { } c)
            {
                w.WriteString("c", c.ToString());
            }
            else
            {
                w.WriteNull("c");
            }

            w.WriteNumber("t", presence.CreatedAtMs);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes one hash entry; null when it cannot be understood (it is then ignored).</summary>
    public static Presence? Decode(Guid user, string field, byte[]? value)
    {
        if (value is null || value.Length == 0)
        {
            return null;
        }

        var at = field.IndexOf('@', StringComparison.Ordinal);
        var connection = at >= 0 ? field[..at] : field;
        if (value[0] != (byte)'{')
        {
            var legacy = CannonOf(Encoding.UTF8.GetString(value));
            return legacy is null ? null : new Presence(user, connection, legacy, null, 0);
        }

        try
        {
            var reader = new Utf8JsonReader(value);
            string? resource = null;
            ClientId? client = null;
            long created = 0;
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "r" when reader.TokenType == JsonTokenType.String:
                        resource = reader.GetString();
                        break;
                    case "c" when reader.TokenType == JsonTokenType.String:
                        client = ClientId.TryParse(reader.GetString(), out var c) ? c : null;
                        break;
                    case "t" when reader.TokenType == JsonTokenType.Number:
                        created = reader.TryGetInt64(out var t) ? t : 0;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            var cannon = resource is null ? null : CannonOf(resource);
            return cannon is null ? null : new Presence(user, connection, cannon, client, created);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
