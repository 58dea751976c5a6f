using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using WireEdge.Contracts.Push;

namespace WireEdge.Gundeck.Push;

/// <summary>
/// Delivery to a cannon over HTTP: <c>POST {cannon}/i/bulkpush</c> (FACTS.md §4.3) and
/// <c>POST {cannon}/i/close</c>. Each notification's JSON is written verbatim (it was serialised once).
/// Registered as itself and (TryAdd) as <see cref="ICannonClient"/> and <see cref="ICannonSocketCloser"/>.
/// </summary>
public sealed class HttpCannonClient : ICannonClient, ICannonSocketCloser, IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient http;

    public HttpCannonClient()
    {
        http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 64,
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<IReadOnlyList<BulkPushResult>> BulkPushAsync(Uri cannon, IReadOnlyList<BulkPushNotification> notifications, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cannon);
        ArgumentNullException.ThrowIfNull(notifications);
        var body = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("bulkpush_req");
            foreach (var n in notifications)
            {
                w.WriteStartObject();
                w.WritePropertyName("notification");
                w.WriteRawValue(n.NotificationJson.Span, skipInputValidation: true);
                WriteTargets(w, n.Targets);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(cannon, "/i/bulkpush"))
        {
            Content = new ReadOnlyMemoryContent(body.WrittenMemory) { Headers = { ContentType = Json } },
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ParseResponse(bytes);
    }

    public async Task CloseAsync(Uri cannon, IReadOnlyList<BulkPushTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cannon);
        ArgumentNullException.ThrowIfNull(targets);
        var body = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(body))
        {
            w.WriteStartObject();
            WriteTargets(w, targets);
            w.WriteEndObject();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(cannon, "/i/close"))
        {
            Content = new ReadOnlyMemoryContent(body.WrittenMemory) { Headers = { ContentType = Json } },
        };
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => http.Dispose();

    internal static List<BulkPushResult> ParseResponse(byte[] bytes)
    {
        using var doc = JsonDocument.Parse(bytes);
        var results = new List<BulkPushResult>();
        if (!doc.RootElement.TryGetProperty("bulkpush_resp", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("bulkpush response without bulkpush_resp");
        }

        foreach (var item in list.EnumerateArray())
        {
            var id = item.GetProperty("notif_id").GetGuid();
            var target = item.GetProperty("target");
            var user = target.GetProperty("user_id").GetGuid();
            var conn = target.GetProperty("conn_id").GetString() ?? throw new JsonException("conn_id");
            var status = item.GetProperty("status").GetString() == "push_status_gone" ? BulkPushStatus.Gone : BulkPushStatus.Ok;
            results.Add(new BulkPushResult(id, new BulkPushTarget(user, conn), status));
        }

        return results;
    }

    private static void WriteTargets(Utf8JsonWriter w, IReadOnlyList<BulkPushTarget> targets)
    {
        w.WriteStartArray("targets");
        foreach (var t in targets)
        {
            w.WriteStartObject();
            w.WriteString("user_id", t.User);
            w.WriteString("conn_id", t.Connection);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
