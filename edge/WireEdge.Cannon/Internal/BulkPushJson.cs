using System.Buffers;
using System.Text.Json;
using WireEdge.Contracts.Push;

namespace WireEdge.Cannon.Internal;

/// <summary>
/// FACTS.md §4.3 bodies, read and written with the low-level JSON API: each notification's raw
/// JSON is sliced out of the request body once (no re-serialisation) and shared by all its targets.
/// </summary>
internal static class BulkPushJson
{
    /// <summary>Parses <c>{"bulkpush_req":[{"notification":{...},"targets":[...]}]}</c>; the notifications' JSON are slices of <paramref name="body"/>.</summary>
    public static List<BulkPushNotification> ParseRequest(ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = 256 });
        var list = new List<BulkPushNotification>();
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("bulkpush_req"))
            {
                Expect(ref reader, JsonTokenType.StartArray);
                while (Next(ref reader) == JsonTokenType.StartObject)
                {
                    list.Add(ParseItem(ref reader, body));
                }

                Check(reader.TokenType == JsonTokenType.EndArray);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return list;
    }

    private static BulkPushNotification ParseItem(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        ReadOnlyMemory<byte> json = default;
        List<BulkPushTarget> targets = [];
        var hasNotification = false;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("notification"))
            {
                Expect(ref reader, JsonTokenType.StartObject);
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                json = body[start..(int)reader.BytesConsumed];
                hasNotification = true;
            }
            else if (reader.ValueTextEquals("targets"))
            {
                targets = ParseTargets(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        Check(hasNotification);
        return new BulkPushNotification(NotificationId(json.Span), json, targets);
    }

    /// <summary>Reads <c>"targets":[{"user_id","conn_id"}]</c> (reader positioned on the property name).</summary>
    public static List<BulkPushTarget> ParseTargets(ref Utf8JsonReader reader)
    {
        var targets = new List<BulkPushTarget>();
        Expect(ref reader, JsonTokenType.StartArray);
        while (Next(ref reader) == JsonTokenType.StartObject)
        {
            Guid? user = null;
            string? conn = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("user_id"))
                {
                    Expect(ref reader, JsonTokenType.String);
                    user = reader.GetGuid();
                }
                else if (reader.ValueTextEquals("conn_id"))
                {
                    Expect(ref reader, JsonTokenType.String);
                    conn = reader.GetString();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            Check(user is not null && !string.IsNullOrEmpty(conn));
            targets.Add(new BulkPushTarget(user!.Value, conn!));
        }

        return targets;
    }

    /// <summary>Parses <c>{"targets":[...]}</c> of <c>POST /i/close</c>.</summary>
    public static List<BulkPushTarget> ParseCloseRequest(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        Expect(ref reader, JsonTokenType.StartObject);
        var targets = new List<BulkPushTarget>();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("targets"))
            {
                targets = ParseTargets(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return targets;
    }

    public static void WriteResponse(IBufferWriter<byte> output, IReadOnlyList<BulkPushResult> results)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteStartArray("bulkpush_resp");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("notif_id", r.NotificationId);
            w.WriteStartObject("target");
            w.WriteString("user_id", r.Target.User);
            w.WriteString("conn_id", r.Target.Connection);
            w.WriteEndObject();
            w.WriteString("status", r.Status == BulkPushStatus.Ok ? "push_status_ok" : "push_status_gone");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The top-level <c>id</c> of a notification object.</summary>
    private static Guid NotificationId(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"))
            {
                Expect(ref reader, JsonTokenType.String);
                return reader.GetGuid();
            }

            reader.Read();
            reader.Skip();
        }

        throw new JsonException("notification without id");
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        Check(reader.Read());
        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type) => Check(reader.Read() && reader.TokenType == type);

    private static void Check(bool ok)
    {
        if (!ok)
        {
            throw new JsonException("malformed bulkpush body");
        }
    }
}
