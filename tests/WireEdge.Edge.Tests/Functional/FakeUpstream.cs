using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WireEdge.Edge.Tests.Functional;

/// <summary>
/// A trivial remote service on a free loopback port: echoes what it received as text lines
/// (<c>GET /path?query</c>, one <c>name: value</c> line per header, <c>body-length: n</c>);
/// <c>/chunked...</c> answers with a chunked body; <c>.../hold...</c> waits for <see cref="Gate"/>;
/// websocket requests are echoed frame by frame.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeUpstream(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    private int requests;
    private int held;

    public int Requests => Volatile.Read(ref requests);

    /// <summary>Requests whose path contains <c>/hold</c> wait for this before answering.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Requests currently waiting at <see cref="Gate"/>.</summary>
    public int Held => Volatile.Read(ref held);

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeUpstream? self = null;
        app.UseWebSockets();
        app.Run(async ctx =>
        {
            Interlocked.Increment(ref self!.requests);
            if (ctx.WebSockets.IsWebSocketRequest)
            {
                using var ws = await ctx.WebSockets.AcceptWebSocketAsync();
                var buf = new byte[4096];
                while (true)
                {
                    var r = await ws.ReceiveAsync(buf, CancellationToken.None);
                    if (r.MessageType == WebSocketMessageType.Close)
                    {
                        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                        return;
                    }

                    await ws.SendAsync(buf.AsMemory(0, r.Count), r.MessageType, r.EndOfMessage, CancellationToken.None);
                }
            }

            if (ctx.Request.Path.Value!.Contains("/hold", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref self.held);
                await self.Gate.Task;
                Interlocked.Decrement(ref self.held);
            }

            var body = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(body);
            var sb = new StringBuilder();
            sb.Append(ctx.Request.Method).Append(' ').Append(ctx.Request.Path).Append(ctx.Request.QueryString).Append('\n');
            foreach (var h in ctx.Request.Headers)
            {
                sb.Append(h.Key.ToLowerInvariant()).Append(": ").Append(h.Value.ToString()).Append('\n');
            }

            sb.Append("body-length: ").Append(body.Length).Append('\n');
            sb.Append("body: ").Append(Encoding.UTF8.GetString(body.ToArray())).Append('\n');
            ctx.Response.Headers["X-Upstream"] = "fake";
            ctx.Response.ContentType = "text/plain";
            if (ctx.Request.Path.StartsWithSegments("/chunked", StringComparison.OrdinalIgnoreCase) || ctx.Request.Path.Value!.Contains("/chunked", StringComparison.Ordinal))
            {
                await ctx.Response.WriteAsync("part1;");
                await ctx.Response.Body.FlushAsync();
                await ctx.Response.WriteAsync(sb.ToString());
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(sb.ToString());
            ctx.Response.ContentLength = bytes.Length;
            await ctx.Response.Body.WriteAsync(bytes);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeUpstream(app, new Uri(address));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        Gate.TrySetResult();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Parsed echo of <see cref="FakeUpstream"/>.</summary>
public sealed class Echo
{
    private Echo(string requestLine, Dictionary<string, string> headers)
    {
        RequestLine = requestLine;
        Headers = headers;
    }

    public string RequestLine { get; }

    public Dictionary<string, string> Headers { get; }

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;

    public static Echo Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var start = lines[0].StartsWith("part1;", StringComparison.Ordinal) ? lines[0][6..] : lines[0];
        var headers = new Dictionary<string, string>();
        foreach (var l in lines.Skip(1))
        {
            var i = l.IndexOf(": ", StringComparison.Ordinal);
            if (i > 0)
            {
                headers[l[..i]] = l[(i + 2)..];
            }
        }

        return new Echo(start, headers);
    }
}
