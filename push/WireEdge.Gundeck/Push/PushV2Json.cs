using System.Buffers;
using System.Text;
using System.Text.Json;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Push;

namespace WireEdge.Gundeck.Push;

/// <summary>
/// Reads and writes the body of <c>POST /i/push/v2</c> (FACTS.md §5.2): a JSON array of Push
/// objects. The payload array is kept as raw UTF-8 JSON (never re-serialised per recipient).
/// </summary>
public static class PushV2Json
{
    /// <summary>Parses the body; throws <see cref="JsonException"/> with a message for invalid input.</summary>
    public static List<PushRequest> Parse(ReadOnlyMemory<byte> body)
    {
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("expected an array of pushes");
        }

        var list = new List<PushRequest>(doc.RootElement.GetArrayLength());
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            list.Add(ParseOne(e));
        }

        return list;
    }

    public static byte[] Write(IReadOnlyList<PushRequest> pushes)
    {
        ArgumentNullException.ThrowIfNull(pushes);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var p in pushes)
            {
                WriteOne(w, p);
            }

            w.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static PushRequest ParseOne(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a push must be an object");
        }

        if (!e.TryGetProperty("recipients", out var recipientsEl) || recipientsEl.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("recipients: required array");
        }

        var recipients = new List<PushRecipient>(recipientsEl.GetArrayLength());
        foreach (var r in recipientsEl.EnumerateArray())
        {
            if (r.ValueKind != JsonValueKind.Object || !r.TryGetProperty("user_id", out var u) || u.ValueKind != JsonValueKind.String || !u.TryGetGuid(out var user))
            {
                throw new JsonException("recipients[].user_id: required uuid");
            }

            var route = PushRoute.Any;
            if (r.TryGetProperty("route", out var routeEl) && routeEl.ValueKind != JsonValueKind.Null)
            {
                route = routeEl.ValueKind == JsonValueKind.String ? routeEl.GetString() switch
                {
                    "any" => PushRoute.Any,
                    "direct" => PushRoute.Direct,
                    _ => throw new JsonException("recipients[].route: any or direct"),
                } : throw new JsonException("recipients[].route: any or direct");
            }

            List<ClientId>? clients = null;
            if (r.TryGetProperty("clients", out var cl) && cl.ValueKind != JsonValueKind.Null)
            {
                clients = [];
                foreach (var c in ArrayOf(cl, "recipients[].clients"))
                {
                    clients.Add(c.ValueKind == JsonValueKind.String && ClientId.TryParse(c.GetString(), out var id) ? id : throw new JsonException("recipients[].clients: client ids"));
                }
            }

            recipients.Add(new PushRecipient(user, route, clients is { Count: > 0 } ? clients : null));
        }

        if (!e.TryGetProperty("payload", out var payloadEl) || payloadEl.ValueKind != JsonValueKind.Array || payloadEl.GetArrayLength() == 0)
        {
            throw new JsonException("payload: required non-empty array");
        }

        foreach (var ev in payloadEl.EnumerateArray())
        {
            if (ev.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("payload: events must be objects");
            }
        }

        List<string>? connections = null;
        if (e.TryGetProperty("connections", out var conns) && conns.ValueKind != JsonValueKind.Null)
        {
            connections = [];
            foreach (var c in ArrayOf(conns, "connections"))
            {
                connections.Add(c.ValueKind == JsonValueKind.String ? c.GetString()! : throw new JsonException("connections: strings"));
            }
        }

        if (e.TryGetProperty("native_aps", out var aps) && aps.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            throw new JsonException("native_aps: object");
        }

        return new PushRequest
        {
            Recipients = recipients,
            Payload = Encoding.UTF8.GetBytes(payloadEl.GetRawText()),
            Origin = OptionalGuid(e, "origin"),
            OriginConnection = OptionalString(e, "origin_connection"),
            Connections = connections is { Count: > 0 } ? connections : null,
            Transient = OptionalBool(e, "transient", false),
            NativeIncludeOrigin = OptionalBool(e, "native_include_origin", true),
            NativeEncrypt = OptionalBool(e, "native_encrypt", true),
            NativePriority = OptionalString(e, "native_priority") switch
            {
                null or "high" => NativePriority.High,
                "low" => NativePriority.Low,
                _ => throw new JsonException("native_priority: low or high"),
            },
        };
    }

    private static void WriteOne(Utf8JsonWriter w, PushRequest p)
    {
        w.WriteStartObject();
        w.WriteStartArray("recipients");
        foreach (var r in p.Recipients)
        {
            w.WriteStartObject();
            w.WriteString("user_id", r.User);
            w.WriteString("route", r.Route == PushRoute.Direct ? "direct" : "any");
            w.WriteStartArray("clients");
            foreach (var c in r.Clients ?? [])
            {
                w.WriteStringValue(c.ToString());
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (p.Origin is { } o)
        {
            w.WriteString("origin", o);
        }

        if (p.OriginConnection is { } oc)
        {
            w.WriteString("origin_connection", oc);
        }

        if (p.Connections is { Count: > 0 } conns)
        {
            w.WriteStartArray("connections");
            foreach (var c in conns)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
        }

        w.WriteBoolean("transient", p.Transient);
        w.WriteBoolean("native_include_origin", p.NativeIncludeOrigin);
        w.WriteBoolean("native_encrypt", p.NativeEncrypt);
        w.WriteString("native_priority", p.NativePriority == NativePriority.Low ? "low" : "high");
        w.WritePropertyName("payload");
        w.WriteRawValue(p.Payload.Span);
        w.WriteEndObject();
    }

    private static JsonElement.ArrayEnumerator ArrayOf(JsonElement e, string field)
        => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : throw new JsonException(field + ": array");

    private static Guid? OptionalGuid(JsonElement e, string name)
        => !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.String && v.TryGetGuid(out var g) ? g : throw new JsonException(name + ": uuid");

    private static string? OptionalString(JsonElement e, string name)
        => !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.String ? v.GetString() : throw new JsonException(name + ": string");

    private static bool OptionalBool(JsonElement e, string name, bool fallback)
        => !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? fallback
            : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw new JsonException(name + ": bool");
}
