using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using WireEdge.Edge.Auth;

namespace WireEdge.Edge.Forwarding;

/// <summary>Outcome of one forwarding attempt (errors are values, not exceptions).</summary>
public enum ForwardResult
{
    Done,

    /// <summary>The request cannot take this path (e.g. head larger than the buffer); nothing was sent, use YARP.</summary>
    NotHandled,

    /// <summary>No connection to the destination (it was marked down).</summary>
    ConnectFailed,

    /// <summary>The upstream failed or sent garbage before the response started.</summary>
    BadGateway,

    Timeout,

    /// <summary>Failed after the response started; the client connection was aborted.</summary>
    Aborted,
}

/// <summary>
/// A lean HTTP/1.1 forwarder over pooled keep-alive sockets for plain-HTTP upstreams: writes the
/// request head straight from Kestrel's header strings plus the pre-rendered <c>Z-*</c> block,
/// streams a Content-Length body, parses the response head in place and relays the body
/// (Content-Length, chunked or until close). A failure on a reused connection before anything of the
/// response arrived is retried once on a new connection when the request had no body.
/// Websocket upgrades and chunked request bodies go through YARP instead.
/// </summary>
public sealed partial class Http1Forwarder(IOptions<EdgeOptions> options)
{
    private readonly TimeSpan connectTimeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.ConnectTimeoutSeconds));
    private readonly TimeSpan responseTimeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.ResponseTimeoutSeconds));

    /// <summary>Whether this request can take the lean path to <paramref name="destination"/>.</summary>
    public static bool CanForward(HttpContext context, Destination destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(destination);
        var h = context.Request.Headers;
        return destination.IsPlainHttp && h.TransferEncoding.Count == 0 && h.Upgrade.Count == 0
            && (context.Request.ContentLength is not null || !HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsPut(context.Request.Method) && !HttpMethods.IsPatch(context.Request.Method) || context.Request.ContentLength == 0);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ForwardResult> ForwardAsync(HttpContext context, Destination destination, EdgeIdentity? identity, bool stripAuthorization)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(destination);
        var bodyLength = context.Request.ContentLength ?? 0;
        for (var attempt = 0; ; attempt++)
        {
            var conn = destination.Pool.Rent();
            if (conn is null)
            {
                try
                {
                    conn = await destination.Pool.ConnectAsync(connectTimeout, context.RequestAborted).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
                {
                    destination.MarkDown();
                    return ForwardResult.ConnectFailed;
                }
            }
            else
            {
                conn.Reused = true;
            }

            var headLength = WriteHead(context, destination, identity, stripAuthorization, bodyLength, conn.Buffer);
            if (headLength < 0)
            {
                destination.Pool.Return(conn);
                return ForwardResult.NotHandled;
            }

            conn.Timeout.CancelAfter(responseTimeout);
            conn.BodySent = false;
            conn.Received = 0;
            try
            {
                await SendAsync(conn, headLength).ConfigureAwait(false);
                if (bodyLength > 0)
                {
                    conn.BodySent = true;
                    await SendBodyAsync(context, conn, bodyLength).ConfigureAwait(false);
                }

                var keepAlive = await RelayResponseAsync(context, conn).ConfigureAwait(false);
                conn.ResetTimeout();
                if (keepAlive)
                {
                    destination.Pool.Return(conn);
                }
                else
                {
                    conn.Dispose();
                }

                return ForwardResult.Done;
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or UpstreamProtocolException)
            {
                var timedOut = conn.Timeout.IsCancellationRequested;
                var retry = conn.Reused && !conn.BodySent && conn.Received == 0 && attempt == 0 && !timedOut && e is not UpstreamProtocolException;
                conn.Dispose();
                if (retry)
                {
                    continue;
                }

                if (context.Response.HasStarted)
                {
                    context.Abort();
                    return ForwardResult.Aborted;
                }

                return timedOut ? ForwardResult.Timeout : ForwardResult.BadGateway;
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask SendAsync(UpstreamConnection conn, int length)
    {
        var sent = 0;
        while (sent < length)
        {
            sent += await conn.Socket.SendAsync(conn.Buffer.AsMemory(sent, length - sent), SocketFlags.None, conn.Timeout.Token).ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask SendBodyAsync(HttpContext context, UpstreamConnection conn, long length)
    {
        var remaining = length;
        var body = context.Request.Body;
        while (remaining > 0)
        {
            var n = await body.ReadAsync(conn.Buffer.AsMemory(0, (int)Math.Min(conn.Buffer.Length, remaining)), context.RequestAborted).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException("request body ended early");
            }

            await SendAsync(conn, n).ConfigureAwait(false);
            remaining -= n;
        }
    }

    private sealed class UpstreamProtocolException(string message) : Exception(message);

    private static IHttpRequestFeature RequestFeature(HttpContext context) => context.Features.Get<IHttpRequestFeature>()!;
}
