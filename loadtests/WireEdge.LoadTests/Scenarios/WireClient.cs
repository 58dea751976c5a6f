using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Scenarios;

public sealed class ScenarioSetupException(string message) : Exception(message);

/// <summary>A logged-in test account.</summary>
public sealed record Account(string Email, string UserId, string Token, string Cookie, string ClientId);

/// <summary>HTTP and websocket calls against WireEdge, shared by the scenarios.</summary>
public sealed class WireClient(RunContext run)
{
    public const string Password = "load test password 1";

    public HttpClient Http { get; } = new(SourceBound.Bind(new SocketsHttpHandler
    {
        UseCookies = false,
        MaxConnectionsPerServer = 2048,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    }, run.Options.SourceAddress))
    { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Websocket upgrades go through this invoker when a source address is set (null: ClientWebSocket's own).</summary>
    private readonly HttpMessageInvoker? wsInvoker = run.Options.SourceAddress is { } source
        ? new HttpMessageInvoker(SourceBound.Bind(new SocketsHttpHandler { UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(10) }, source))
        : null;

    public RunContext Run { get; } = run;

    public Uri Url(string pathAndQuery) => new(Run.Options.Target, pathAndQuery);

    public static ByteArrayContent Json(string json)
    {
        var c = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        c.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return c;
    }

    public static StepResult Result(HttpResponseMessage r, long bytes) =>
        new(r.IsSuccessStatusCode, ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), bytes);

    public async Task<(StepResult Result, string Body, HttpResponseMessage? Response)> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await Http.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return (Result(response, body.Length), body, response);
    }

    /// <summary>Registers and logs in <paramref name="count"/> accounts (8 at a time); setup steps are recorded as setup:*.</summary>
    public async Task<List<Account>> CreateAccountsAsync(int count, CancellationToken ct)
    {
        var accounts = new Account?[count];
        var prefix = Guid.NewGuid().ToString("N")[..10];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var email = $"load-{prefix}-{i}@example.com";
            var start = Stopwatch.GetTimestamp();
            using (var reg = await Http.PostAsync(Url("/v8/register"), Json($$"""{"name":"Load {{i}}","email":"{{email}}","password":"{{Password}}"}"""), token).ConfigureAwait(false))
            {
                Run.Record("setup:register", start, Result(reg, 0), force: true);
                if (!reg.IsSuccessStatusCode)
                {
                    throw new ScenarioSetupException($"POST /v8/register answered {(int)reg.StatusCode}: {await reg.Content.ReadAsStringAsync(token).ConfigureAwait(false)}");
                }
            }

            var (result, login) = await LoginAsync(email, token).ConfigureAwait(false);
            Run.Record("setup:login", start, result, force: true);
            accounts[i] = login ?? throw new ScenarioSetupException($"POST /v8/login failed ({result.Code})");
        }).ConfigureAwait(false);
        return [.. accounts.Select(a => a!)];
    }

    /// <summary>POST /v8/login?persist=true; returns the account (token, cookie, user id) on success.</summary>
    public async Task<(StepResult Result, Account? Account)> LoginAsync(string email, CancellationToken ct)
    {
        using var response = await Http.PostAsync(Url("/v8/login?persist=true"), Json($$"""{"email":"{{email}}","password":"{{Password}}"}"""), ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var result = Result(response, body.Length);
        if (!response.IsSuccessStatusCode)
        {
            return (result, null);
        }

        using var doc = JsonDocument.Parse(body);
        var token = doc.RootElement.GetProperty("access_token").GetString() ?? "";
        var user = doc.RootElement.TryGetProperty("user", out var u) ? u.GetString() ?? "" : "";
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).FirstOrDefault(v => v.StartsWith("zuid=", StringComparison.Ordinal)) ?? ""
            : "";
        var client = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 8));
        return (result, new Account(email, user, token, cookie, client));
    }

    /// <summary>Opens <c>/await</c> with the account's token; the connection bound is enforced here.</summary>
    public async Task<(StepResult Result, ClientWebSocket? Socket)> ConnectAsync(Account a, CancellationToken ct)
    {
        if (!Run.TryOpenConnection())
        {
            return (StepResult.Failure("connection-limit"), null);
        }

        var ws = new ClientWebSocket();
        ws.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        var scheme = Run.Options.Target.Scheme == "https" ? "wss" : "ws";
        var uri = new UriBuilder(Run.Options.Target) { Scheme = scheme, Path = "/await", Query = $"access_token={Uri.EscapeDataString(a.Token)}&client={a.ClientId}" }.Uri;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await ws.ConnectAsync(uri, wsInvoker, timeout.Token).ConfigureAwait(false);
            return (StepResult.Success("101"), ws);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            Run.CloseConnection();
            ws.Dispose();
            ct.ThrowIfCancellationRequested();
            return (StepResult.Failure(e is WebSocketException w ? "ws-" + w.WebSocketErrorCode : "connect-timeout"), null);
        }
    }

    public async Task CloseAsync(ClientWebSocket ws)
    {
        try
        {
            if (ws.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            ws.Dispose();
            Run.CloseConnection();
        }
    }

    /// <summary>Receives one whole message (frames joined) into <paramref name="buffer"/>; null when the socket closed.</summary>
    public static async Task<(ArraySegment<byte> Data, WebSocketMessageType Type)?> ReceiveAsync(ClientWebSocket ws, byte[] buffer, CancellationToken ct)
    {
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                return null; // larger than the buffer: the scenarios never send that
            }

            var r = await ws.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), ct).ConfigureAwait(false);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            count += r.Count;
            if (r.EndOfMessage)
            {
                return (new ArraySegment<byte>(buffer, 0, count), r.MessageType);
            }
        }
    }

    /// <summary>POST /i/push/v2 (internal listener) for one stream message to the given users.</summary>
    public async Task<StepResult> PushAsync(IEnumerable<string> userIds, string stream, long seq, CancellationToken ct)
    {
        var sb = new StringBuilder("[{\"recipients\":[");
        var first = true;
        foreach (var u in userIds)
        {
            sb.Append(first ? "" : ",").Append("{\"user_id\":\"").Append(u).Append("\",\"route\":\"any\",\"clients\":[]}");
            first = false;
        }

        sb.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"],\"payload\":[{{\"type\":\"wireedge.load\",\"stream\":\"{stream}\",\"seq\":{seq},\"t\":{Stopwatch.GetTimestamp()}}}],\"transient\":false}}]");
        using var response = await Http.PostAsync(new Uri(Run.Options.Internal, "/i/push/v2"), Json(sb.ToString()), ct).ConfigureAwait(false);
        return Result(response, sb.Length);
    }

    /// <summary>Reads our load-test events out of a notification JSON object: (stream, seq, sent timestamp).</summary>
    public static IEnumerable<(string Stream, long Seq, long Sent)> LoadEvents(JsonElement notification)
    {
        if (notification.ValueKind != JsonValueKind.Object || !notification.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var e in payload.EnumerateArray())
        {
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.ValueEquals("wireedge.load"))
            {
                yield return (e.GetProperty("stream").GetString() ?? "", e.GetProperty("seq").GetInt64(), e.GetProperty("t").GetInt64());
            }
        }
    }

    /// <summary>GET /v8/notifications?since=..&amp;client=.. with has_more paging; feeds our events to the oracle.
    /// Returns the step result and the last notification id seen.</summary>
    public async Task<(StepResult Result, string? LastId)> CatchUpAsync(Account a, string? since, string receiver, CancellationToken ct)
    {
        long bytes = 0;
        var last = since;
        for (var page = 0; page < 100; page++)
        {
            var q = $"/v8/notifications?client={a.ClientId}&size=1000" + (last is null ? "" : "&since=" + Uri.EscapeDataString(last));
            using var request = new HttpRequestMessage(HttpMethod.Get, Url(q));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", a.Token);
            using var response = await Http.SendAsync(request, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            bytes += body.Length;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (Result(response, bytes), last);
            }

            using var doc = JsonDocument.Parse(body);
            foreach (var n in doc.RootElement.GetProperty("notifications").EnumerateArray())
            {
                last = n.GetProperty("id").GetString();
                foreach (var (stream, seq, _) in LoadEvents(n))
                {
                    Run.Oracle.Received(receiver, stream, seq, "catchup");
                }
            }

            if (!doc.RootElement.TryGetProperty("has_more", out var more) || !more.GetBoolean())
            {
                return (StepResult.Success("200", bytes), last);
            }
        }

        return (StepResult.Failure("too-many-pages", bytes), last);
    }
}
