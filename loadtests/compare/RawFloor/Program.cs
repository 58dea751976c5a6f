using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

// Raw floor: GET /await?client=X holds a websocket (text "ping" answered with "pong");
// POST /publish/{client} sends the body to that socket as one binary frame {"id":"<uuid>","payload":[<body>]},
// the frame cannon sends for a notification. Usage: raw-floor --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
var sockets = new ConcurrentDictionary<string, Holder>(StringComparer.Ordinal);
var prefix = "{\"id\":\""u8.ToArray();

app.Map("/await", async (HttpContext context) =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = 400;
        return;
    }

    var client = context.Request.Query["client"].ToString();
    using var ws = await context.WebSockets.AcceptWebSocketAsync();
    var holder = new Holder(ws);
    sockets[client] = holder;
    var buffer = new byte[16];
    try
    {
        while (ws.State == WebSocketState.Open)
        {
            var r = await ws.ReceiveAsync(buffer.AsMemory(), context.RequestAborted);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            if (r.MessageType == WebSocketMessageType.Text && r.Count == 4 && buffer.AsSpan(0, 4).SequenceEqual("ping"u8))
            {
                await holder.SendAsync("pong"u8.ToArray(), WebSocketMessageType.Text);
            }
        }
    }
    catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
    {
    }
    finally
    {
        sockets.TryRemove(new KeyValuePair<string, Holder>(client, holder));
    }
});

app.MapPost("/publish/{client}", async (HttpContext context, string client) =>
{
    if (!sockets.TryGetValue(client, out var holder))
    {
        return Results.NotFound();
    }

    using var body = new MemoryStream();
    await context.Request.Body.CopyToAsync(body);
    var frame = new byte[prefix.Length + 36 + 13 + body.Length + 2];
    var span = frame.AsSpan();
    prefix.CopyTo(span);
    var at = prefix.Length;
    Encoding.ASCII.GetBytes(Guid.NewGuid().ToString(), span[at..]);
    at += 36;
    "\",\"payload\":["u8.CopyTo(span[at..]);
    at += 13;
    body.GetBuffer().AsSpan(0, (int)body.Length).CopyTo(span[at..]);
    at += (int)body.Length;
    "]}"u8.CopyTo(span[at..]);
    await holder.SendAsync(frame, WebSocketMessageType.Binary);
    return Results.Ok();
});

app.MapGet("/stats", () => Results.Text($"{{\"sockets\":{sockets.Count}}}", "application/json"));
await app.RunAsync();

internal sealed class Holder(WebSocket ws)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task SendAsync(byte[] frame, WebSocketMessageType type)
    {
        await gate.WaitAsync();
        try
        {
            await ws.SendAsync(frame, type, true, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            gate.Release();
        }
    }
}
