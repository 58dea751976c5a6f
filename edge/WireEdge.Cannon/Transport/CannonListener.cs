using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireEdge.Cannon.Handshake;
using WireEdge.Cannon.Sockets;
using WireEdge.Hosting.Listeners;

namespace WireEdge.Cannon.Transport;

/// <summary>
/// A Kestrel listener that accepts the sockets itself and looks at each connection's first request
/// with <c>MSG_PEEK</c> (nothing is consumed). A valid, authenticated <c>GET /await</c> upgrade is
/// served right here on the bare socket (<see cref="RawCannonSocket"/>): none of Kestrel's
/// per-connection objects (pipes, transport loops, connection tracking) exist for it. Every other
/// connection, including <c>/await</c> requests the HTTP pipeline must answer (bad token, not a
/// websocket, draining), is handed to Kestrel untouched through its own socket connection factory,
/// so HTTP behaves exactly as with Kestrel's socket transport. A connection whose first request line
/// has not arrived within <c>Cannon:HandshakeTimeout</c> (default 10 s) is closed.
/// </summary>
internal sealed partial class CannonListener : IConnectionListener
{
    private const int FirstPeekBytes = 4096;

    private readonly Socket listenSocket;
    private readonly SocketConnectionContextFactory kestrel;
    private readonly bool noDelay;
    private readonly IServiceProvider services;
    private readonly ILogger logger;
    private readonly Channel<ConnectionContext> handedOn = Channel.CreateUnbounded<ConnectionContext>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;
    private CannonHub? hub;
    private AwaitHandshake? handshake;
    private ListenerRegistry? listeners;

    public CannonListener(Socket listenSocket, SocketConnectionContextFactory kestrel, bool noDelay, IServiceProvider services, ILogger logger)
    {
        this.listenSocket = listenSocket;
        this.kestrel = kestrel;
        this.noDelay = noDelay;
        this.services = services;
        this.logger = logger;
        EndPoint = listenSocket.LocalEndPoint!;
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public EndPoint EndPoint { get; }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await handedOn.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null; // unbound
        }
    }

    public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
        }

        listenSocket.Dispose();
        await acceptLoop.ConfigureAwait(false);
        handedOn.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        await UnbindAsync().ConfigureAwait(false);
        while (handedOn.Reader.TryRead(out var left))
        {
            await left.DisposeAsync().ConfigureAwait(false);
        }

        // Sockets still open here were not drained (shutdown timeout): end them with the process.
        if (hub is not null)
        {
            foreach (var s in hub.Sockets.Snapshot())
            {
                if (s is RawCannonSocket)
                {
                    s.Abort(CloseReason.Drain);
                }
            }
        }

        kestrel.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await listenSocket.AcceptAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                continue; // the client gave up before we accepted
            }
#pragma warning disable CA1031 // an accept failure (e.g. out of file descriptors) must not end the listener
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogAcceptFailed(logger, e);
                await Task.Delay(50).ConfigureAwait(false);
                continue;
            }

            _ = ServeAsync(accepted);
        }
    }

    /// <summary>Serves one accepted connection: as a cannon websocket, or handed to Kestrel.</summary>
    private async Task ServeAsync(Socket socket)
    {
        try
        {
            if (socket.LocalEndPoint is IPEndPoint)
            {
                socket.NoDelay = noDelay;
            }

            var accepted = await TryAcceptAwaitAsync(socket).ConfigureAwait(false);
            if (accepted is null)
            {
                return;
            }

            accepted.Start();

            // This handshake frame ends here; the pending receive alone keeps the socket.
            accepted.StartReceiving();
        }
#pragma warning disable CA1031 // one connection's failure must not reach the accept loop
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogConnectionFailed(logger, e);
            socket.Dispose();
        }
    }

    /// <summary>The open websocket (its 101 sent), or null once the connection was handed on, answered or closed.</summary>
    private async Task<RawCannonSocket?> TryAcceptAwaitAsync(Socket socket)
    {
        hub ??= services.GetRequiredService<CannonHub>();
        var receiver = new RawCannonSocket.Receiver();
        var head = await PeekHeadAsync(socket, receiver).ConfigureAwait(false);
        if (head is not { } h)
        {
            return null;
        }

        if (!h.Check.IsAccepted || hub.IsDraining)
        {
            HandOn(socket); // the HTTP pipeline answers (401, 400, 503) or serves the request
            return null;
        }

        socket.Blocking = false;
        var consumed = ConsumeHead(socket, h.Length);
        if (!consumed)
        {
            socket.Dispose();
            return null;
        }

        var check = h.Check;
        var raw = new RawCannonSocket(hub, check.User, check.Connection, check.Client, socket, receiver);
        if (!await hub.AcceptAsync(raw, CancellationToken.None).ConfigureAwait(false))
        {
            hub.Metrics.Rejected(503);
            await SendAllAsync(socket, AwaitConnectionMiddleware.ErrorResponse(503, "Service Unavailable", "server-error", "Cannot accept websockets now")).ConfigureAwait(false);
            socket.Dispose();
            return null;
        }

        var response = Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + check.AcceptKey + "\r\n\r\n");
        if (!await SendAllAsync(socket, response).ConfigureAwait(false))
        {
            raw.Abort(CloseReason.TransportError);
            hub.OnEnded(raw);
            return null;
        }

        return raw;
    }

    /// <summary>
    /// Peeks at the request head (waiting for it up to the handshake timeout) and checks it when it
    /// is an <c>/await</c> upgrade. Null when the connection was handed on or closed.
    /// </summary>
    private async Task<(int Length, AwaitCheck Check)?> PeekHeadAsync(Socket socket, RawCannonSocket.Receiver receiver)
    {
        var size = FirstPeekBytes;
        var buf = ArrayPool<byte>.Shared.Rent(size);
        var deadline = Stopwatch.GetTimestamp() + (long)(hub!.Options.HandshakeTimeout.TotalSeconds * Stopwatch.Frequency);
        var pause = 1;
        try
        {
            while (true)
            {
                var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (left <= TimeSpan.Zero)
                {
                    socket.Dispose(); // the first line still incomplete after the handshake timeout
                    return null;
                }

                var peek = receiver.PeekAsync(socket, buf.AsMemory(0, size));
                if (!peek.IsCompleted && await Task.WhenAny(peek, Task.Delay(left)).ConfigureAwait(false) != peek)
                {
                    // Silent for the whole handshake timeout: close (a pending operation cannot be handed on;
                    // closing completes it). The buffer stays with that operation, not back in the pool.
                    buf = null;
                    socket.Dispose();
                    return null;
                }

                var n = await peek.ConfigureAwait(false);
                if (n == 0)
                {
                    socket.Dispose(); // closed before sending anything
                    return null;
                }

                var kind = RawRequestHead.Classify(new ReadOnlySequence<byte>(buf, 0, n), out var headLength);
                if (kind == RawRequestHead.Kind.NeedMore)
                {
                    if (n == size)
                    {
                        // A long head: look at up to the largest head we accept.
                        ArrayPool<byte>.Shared.Return(buf);
                        size = RawRequestHead.MaxHeadBytes + 4;
                        buf = ArrayPool<byte>.Shared.Rent(size);
                        continue;
                    }

                    // The rest of the head is still on its way; a peek would return the same bytes at once.
                    await Task.Delay(pause).ConfigureAwait(false);
                    pause = Math.Min(pause * 2, 50);
                    continue;
                }

                if (kind == RawRequestHead.Kind.NotOurs)
                {
                    HandOn(socket);
                    return null;
                }

                var request = RawRequestHead.Parse(new ReadOnlySequence<byte>(buf, 0, headLength), trustZHeaders: !IsPublic());
                handshake ??= services.GetRequiredService<AwaitHandshake>();
                return (headLength, handshake.Check(request));
            }
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
        finally
        {
            if (buf is not null)
            {
                ArrayPool<byte>.Shared.Return(buf);
            }
        }
    }

    /// <summary>Takes the (already peeked, so present) request head off the socket.</summary>
    private static bool ConsumeHead(Socket socket, int length)
    {
        var buf = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var got = 0;
            while (got < length)
            {
                var n = socket.Receive(buf, got, length - got, SocketFlags.None, out var error);
                if (error != SocketError.Success || n == 0)
                {
                    return false;
                }

                got += n;
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    private static async Task<bool> SendAllAsync(Socket socket, byte[] bytes)
    {
        try
        {
            var sent = socket.Send(bytes, 0, bytes.Length, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                sent = 0;
            }
            else if (error != SocketError.Success)
            {
                return false;
            }

            while (sent < bytes.Length)
            {
                sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    private void HandOn(Socket socket)
    {
        ConnectionContext connection;
        try
        {
            connection = kestrel.Create(socket);
        }
        catch (ObjectDisposedException)
        {
            socket.Dispose(); // shutting down
            return;
        }

        if (!handedOn.Writer.TryWrite(connection))
        {
            _ = connection.DisposeAsync().AsTask();
        }
    }

    private bool IsPublic()
    {
        listeners ??= services.GetRequiredService<ListenerRegistry>();
        var pub = listeners.EndPoint(ListenerKind.Public);
        return pub is not null && pub.Equals(listenSocket.LocalEndPoint);
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Accepting a connection failed")]
    private static partial void LogAcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "Serving an accepted connection failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);
}
