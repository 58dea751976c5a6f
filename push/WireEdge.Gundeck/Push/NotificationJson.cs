using System.Buffers;
using System.Text.Json;

namespace WireEdge.Gundeck.Push;

/// <summary>The notification JSON written once per notification: <c>{"id","payload"[,"transient":true]}</c>.</summary>
public static class NotificationJson
{
    public static byte[] Encode(Guid id, ReadOnlySpan<byte> payload, bool transient)
    {
        var buffer = new ArrayBufferWriter<byte>(payload.Length + 64);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            Write(w, id, payload, transient);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, Guid id, ReadOnlySpan<byte> payload, bool transient)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("id", id);
        if (transient)
        {
            writer.WriteBoolean("transient", true);
        }

        writer.WritePropertyName("payload");
        writer.WriteRawValue(payload, skipInputValidation: true);
        writer.WriteEndObject();
    }
}
