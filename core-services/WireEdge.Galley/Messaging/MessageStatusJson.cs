using System.Buffers;
using System.Globalization;
using System.Text.Json;
using WireEdge.Contracts.Time;

namespace WireEdge.Galley.Messaging;

/// <summary>
/// The bodies of message responses: qualified <c>MessageSendingStatus</c>
/// <c>{"time","missing","redundant","deleted","failed_to_send","failed_to_confirm_clients"}</c> with
/// <c>{domain:{user:[client]}}</c> maps, and legacy <c>ClientMismatch</c> <c>{"time","missing","redundant","deleted"}</c>
/// with <c>{user:[client]}</c> maps. 412 uses the same body (no code/label).
/// </summary>
public static class MessageStatusJson
{
    public static byte[] Qualified(MismatchResult result, string domain, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(result);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("time", WireTime.Millis(time));
            WriteQualified(w, "missing", domain, result.Missing);
            WriteQualified(w, "redundant", domain, result.Redundant);
            WriteQualified(w, "deleted", domain, result.Deleted);
            w.WriteStartObject("failed_to_send");
            foreach (var (d, clients) in result.FailedToSend)
            {
                w.WritePropertyName(d);
                WriteUsers(w, clients);
            }

            w.WriteEndObject();
            w.WriteStartObject("failed_to_confirm_clients");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Legacy(MismatchResult result, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(result);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("time", WireTime.Millis(time));
            w.WritePropertyName("missing");
            WriteUsers(w, result.Missing);
            w.WritePropertyName("redundant");
            WriteUsers(w, result.Redundant);
            w.WritePropertyName("deleted");
            WriteUsers(w, result.Deleted);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteQualified(Utf8JsonWriter w, string property, string domain, UserClients clients)
    {
        w.WriteStartObject(property);
        if (!clients.IsEmpty)
        {
            w.WritePropertyName(domain);
            WriteUsers(w, clients);
        }

        w.WriteEndObject();
    }

    private static void WriteUsers(Utf8JsonWriter w, UserClients clients)
    {
        w.WriteStartObject();
        foreach (var (user, list) in clients.Entries)
        {
            w.WriteStartArray(user.ToString("D"));
            foreach (var c in list)
            {
                w.WriteStringValue(c.ToString("x", CultureInfo.InvariantCulture));
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
