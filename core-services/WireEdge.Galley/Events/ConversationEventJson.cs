using System.Buffers;
using System.Text.Json;
using WireEdge.Contracts.Time;
using WireEdge.Galley.Conversations;

namespace WireEdge.Galley.Events;

/// <summary>
/// The conversation event envelope (FACTS.md §7.3): <c>{"type","conversation","qualified_conversation",
/// "from","qualified_from","time","data"}</c>, serialised once to UTF-8.
/// </summary>
public static class ConversationEventJson
{
    public static byte[] Build(string type, Guid conversation, string domain, Guid from, DateTimeOffset time, Action<Utf8JsonWriter> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteStart(w, type, conversation, domain, from, time);
            w.WritePropertyName("data");
            data(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the envelope up to (not including) <c>"data"</c>; the caller writes data and closes the object.</summary>
    public static void WriteStart(Utf8JsonWriter w, string type, Guid conversation, string domain, Guid from, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("conversation", conversation);
        ConversationJson.WriteQualified(w, "qualified_conversation", conversation, domain);
        w.WriteString("from", from);
        ConversationJson.WriteQualified(w, "qualified_from", from, domain);
        w.WriteString("time", WireTime.Millis(time));
    }

    /// <summary><c>[event]</c>: the push payload array for one event.</summary>
    public static byte[] AsPayload(ReadOnlySpan<byte> eventJson)
    {
        var payload = new byte[eventJson.Length + 2];
        payload[0] = (byte)'[';
        eventJson.CopyTo(payload.AsSpan(1));
        payload[^1] = (byte)']';
        return payload;
    }
}
