using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using WireEdge.Edge.Auth;
using WireEdge.Edge.Routing;

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

    /// <summary>
    /// Forwards the request and finishes it (<see cref="IForwardOwner.Finish"/>) in one state machine, so a
    /// proxied request costs one async allocation: connect or reuse, write the head, stream a body, relay the
    /// response. Requests this path cannot take go to <see cref="IForwardOwner.FallbackAsync"/> (YARP).
    /// </summary>
    internal async Task ForwardAsync(HttpContext context, UpstreamCluster cluster, Destination destination, EdgeIdentity? identity, EdgeRoute route, IForwardOwner owner, long start, ulong connKey)
    {
        var result = ForwardResult.Done;
        try
        {
            var bodyLength = context.Request.ContentLength ?? 0;
            var switched = false;
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
                        if (!switched && cluster.Destinations.Count > 1)
                        {
                            switched = true;
                            destination = cluster.Repick(destination);
                            continue;
                        }

                        result = ForwardResult.ConnectFailed;
                        break;
                    }
                }
                else
                {
                    conn.Reused = true;
                }

                var headLength = WriteHead(context, destination, identity, route.Zauth, bodyLength, conn.Buffer);
                if (headLength < 0)
                {
                    destination.Pool.Return(conn);
                    result = ForwardResult.NotHandled;
                    break;
                }

                conn.Timeout.CancelAfter(responseTimeout);
                conn.BodySent = false;
                conn.Received = 0;
                try
                {
                    var sent = 0;
                    while (sent < headLength)
                    {
                        sent += await conn.Socket.SendAsync(conn.Buffer.AsMemory(sent, headLength - sent), SocketFlags.None, conn.Timeout.Token).ConfigureAwait(false);
                    }

                    if (bodyLength > 0)
                    {
                        conn.BodySent = true;
                        await SendBodyAsync(context, conn, bodyLength, responseTimeout).ConfigureAwait(false);

                        // The upstream's time to answer starts when the whole body is there.
                        conn.Timeout.CancelAfter(responseTimeout);
                    }

                    // Response head (interim 1xx responses are skipped).
                    var buf = conn.Buffer;
                    var filled = 0;
                    int headEnd;
                    int status;
                    bool http10;
                    while (true)
                    {
                        var from = 0;
                        while ((headEnd = FindHeadEnd(buf, from, filled)) < 0)
                        {
                            if (filled == buf.Length)
                            {
                                throw new UpstreamProtocolException("response head too large");
                            }

                            from = Math.Max(0, filled - 3);
                            var n = await conn.Socket.ReceiveAsync(buf.AsMemory(filled), SocketFlags.None, conn.Timeout.Token).ConfigureAwait(false);
                            if (n == 0)
                            {
                                throw new IOException("upstream closed the connection");
                            }

                            filled += n;
                            conn.Received += n;
                        }

                        status = ParseStatusLine(buf.AsSpan(0, headEnd), out http10);
                        if (status is >= 100 and < 200)
                        {
                            if (status == 101)
                            {
                                throw new UpstreamProtocolException("unexpected upgrade");
                            }

                            var after = headEnd + 4;
                            Buffer.BlockCopy(buf, after, buf, 0, filled - after);
                            filled -= after;
                            continue;
                        }

                        break;
                    }

                    var response = context.Response;
                    var head = ApplyHead(response, buf.AsSpan(0, headEnd), status);
                    var keepAlive = !head.Close && !http10;
                    var bodyStart = headEnd + 4;
                    if (HttpMethods.IsHead(context.Request.Method) || status is 204 or 304)
                    {
                        if (head.ContentLength is { } hl && status is not (204 or 304))
                        {
                            response.ContentLength = hl;
                        }

                        keepAlive &= filled == bodyStart;
                    }
                    else if (head.Chunked)
                    {
                        keepAlive &= await RelayChunkedAsync(response, conn, bodyStart, filled, responseTimeout).ConfigureAwait(false);
                    }
                    else if (head.ContentLength is { } length)
                    {
                        response.ContentLength = length;
                        var avail = filled - bodyStart;
                        var take = (int)Math.Min(avail, length);
                        if (take > 0)
                        {
                            await RelayAsync(response, buf.AsMemory(bodyStart, take)).ConfigureAwait(false);
                        }

                        var remaining = length - take;
                        while (remaining > 0)
                        {
                            var n = await conn.ReceiveBodyAsync(buf.AsMemory(0, (int)Math.Min(buf.Length, remaining)), responseTimeout).ConfigureAwait(false);
                            if (n == 0)
                            {
                                throw new IOException("upstream closed the connection mid-body");
                            }

                            await RelayAsync(response, buf.AsMemory(0, n)).ConfigureAwait(false);
                            remaining -= n;
                        }

                        keepAlive &= avail == take;
                    }
                    else
                    {
                        await RelayUntilCloseAsync(response, conn, bodyStart, filled, responseTimeout).ConfigureAwait(false);
                        keepAlive = false;
                    }

                    conn.ResetTimeout();
                    if (keepAlive)
                    {
                        destination.Pool.Return(conn);
                    }
                    else
                    {
                        conn.Dispose();
                    }

                    result = ForwardResult.Done;
                    break;
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
                        result = ForwardResult.Aborted;
                    }
                    else
                    {
                        result = timedOut ? ForwardResult.Timeout : ForwardResult.BadGateway;
                    }

                    break;
                }
            }

            if (result == ForwardResult.NotHandled)
            {
                await owner.FallbackAsync(context, route, identity, destination).ConfigureAwait(false);
            }
            else if (result is not (ForwardResult.Done or ForwardResult.Aborted))
            {
                owner.Failed(context, route, destination, result);
                await EdgeErrors.Write(context, result == ForwardResult.Timeout ? EdgeErrors.GatewayTimeout : EdgeErrors.BadGateway).ConfigureAwait(false);
            }
        }
        finally
        {
            owner.Finish(context, route, start, connKey, destination);
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
    private static async ValueTask SendBodyAsync(HttpContext context, UpstreamConnection conn, long length, TimeSpan idleTimeout)
    {
        // A large upload from a slow client may take longer than the timeout in total: the timeout bounds
        // each write to the upstream, and waiting for the client is bounded by Kestrel's data rate limits.
        var remaining = length;
        var body = context.Request.Body;
        while (remaining > 0)
        {
            conn.Timeout.CancelAfter(Timeout.InfiniteTimeSpan);
            var n = await body.ReadAsync(conn.Buffer.AsMemory(0, (int)Math.Min(conn.Buffer.Length, remaining)), context.RequestAborted).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException("request body ended early");
            }

            conn.Timeout.CancelAfter(idleTimeout);
            await SendAsync(conn, n).ConfigureAwait(false);
            remaining -= n;
        }
    }

    /// <summary>What the forwarder needs from the edge middleware around one request.</summary>
    internal interface IForwardOwner
    {
        /// <summary>Sends the request through YARP instead (nothing was sent upstream yet).</summary>
        Task FallbackAsync(HttpContext context, EdgeRoute route, EdgeIdentity? identity, Destination destination);

        /// <summary>Records a forwarding failure (before the Wire error is written).</summary>
        void Failed(HttpContext context, EdgeRoute route, Destination destination, ForwardResult result);

        /// <summary>Metrics, limit and least-connections bookkeeping when the request ends (<paramref name="destination"/>: the one used last).</summary>
        void Finish(HttpContext context, EdgeRoute route, long start, ulong connKey, Destination destination);
    }

    private sealed class UpstreamProtocolException(string message) : Exception(message);

    private static IHttpRequestFeature RequestFeature(HttpContext context) => context.Features.Get<IHttpRequestFeature>()!;
}
