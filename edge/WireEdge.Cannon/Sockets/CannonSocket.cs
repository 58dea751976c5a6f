using WireEdge.Cannon.Protocol;
using WireEdge.Contracts.Ids;

namespace WireEdge.Cannon.Sockets;

/// <summary>
/// One accepted <c>/await</c> websocket. Idle, it holds no buffer: the reader waits on the transport
/// (which does zero-byte reads), the outbound queue exists only while frames wait, and keep-alive
/// is driven by the shared <see cref="Keepalive.SocketSweeper"/> rather than a timer per socket.
/// Writes are serialised by a single writer loop that runs only while the queue is non-empty.
/// The transport underneath (Kestrel pipes, or a bare <see cref="System.Net.Sockets.Socket"/>) is
/// supplied by the subclass through the abstract members below.
/// </summary>
public abstract partial class CannonSocket
{
    private const int StatePending = 0;
    private const int StateOpen = 1;
    private const int StateClosing = 2;
    private const int StateClosed = 3;

    private readonly CannonHub hub;
    private Queue<OutFrame>? queue;
    private bool writing;
    private int state;
    private long lastSeenMs;
    private long lastPingMs;
    private long closingSinceMs;

    protected CannonSocket(CannonHub hub, Guid user, string connection, ClientId? client)
    {
        this.hub = hub;
        User = user;
        Connection = connection;
        Client = client;
        ConnectedAtMs = hub.NowMs();
        lastSeenMs = ConnectedAtMs;
        lastPingMs = ConnectedAtMs;
    }

    public Guid User { get; }

    public string Connection { get; }

    public ClientId? Client { get; }

    public SocketKey Key => new(User, Connection);

    public long ConnectedAtMs { get; }

    /// <summary>The presence epoch this socket was registered under (null: no presence store).</summary>
    public string? Epoch { get; internal set; }

    public bool IsOpen => Volatile.Read(ref state) == StateOpen;

    public bool IsEnded => Volatile.Read(ref state) == StateClosed;

    public CloseReason? EndReason { get; private set; }

    internal long LastSeenMs => Volatile.Read(ref lastSeenMs);

    internal long LastPingMs => Volatile.Read(ref lastPingMs);

    internal bool IsClosing => Volatile.Read(ref state) == StateClosing;

    internal long ClosingSinceMs => Volatile.Read(ref closingSinceMs);

    /// <summary>What carries the socket: <c>socket</c> (cannon's own listener), <c>connection</c> (a Kestrel connection) or <c>stream</c> (an upgraded HTTP request).</summary>
    public abstract string TransportKind { get; }

    /// <summary>Tears the transport down at once (no close handshake) and stops the read loop.</summary>
    protected abstract void AbortTransport();

    /// <summary>Appends one frame to the transport's pending output (called under the socket's lock by the single writer).</summary>
    private protected abstract void WriteFrame(Opcode opcode, ReadOnlySpan<byte> payload);

    /// <summary>Sends the pending output; false when the transport is gone.</summary>
    private protected abstract ValueTask<bool> FlushAsync();

    /// <summary>After the close frame went out: end the output and stop the read loop.</summary>
    private protected abstract void CompleteTransport();

    /// <summary>Makes the socket live: frames queued while the handshake finished are written now.</summary>
    internal void Start()
    {
        var start = false;
        lock (this)
        {
            if (state == StatePending)
            {
                state = StateOpen;
            }

            if (state != StateClosed && queue is { Count: > 0 } && !writing)
            {
                writing = true;
                start = true;
            }
        }

        if (start)
        {
            _ = WriteLoopAsync();
        }
    }

    /// <summary>Ends the socket at once (no close frame): overflow, timeouts, transport errors.</summary>
    public void Abort(CloseReason reason)
    {
        lock (this)
        {
            if (state == StateClosed)
            {
                return;
            }

            state = StateClosed;
            EndReason ??= reason;
            queue = null;
        }

        hub.Metrics.Closed(EndReason ?? reason);
        try
        {
            AbortTransport();
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
        }
    }

    /// <summary>Sends a close frame (<paramref name="code"/>, <paramref name="reason"/>) and ends the socket once it is written.</summary>
    public void Close(CloseReason why, ushort code, string reason)
    {
        bool start;
        lock (this)
        {
            if (state >= StateClosing)
            {
                return;
            }

            var wasPending = state == StatePending;
            state = StateClosing;
            EndReason = why;
            closingSinceMs = hub.NowMs();
            queue ??= new Queue<OutFrame>(1);
            queue.Clear();
            queue.Enqueue(new OutFrame(Opcode.Close, WebSocketFrames.ClosePayload(code, reason)));
            start = !writing && !wasPending;
            if (start)
            {
                writing = true;
            }
        }

        if (start)
        {
            _ = WriteLoopAsync();
        }
    }

    /// <summary>Queues a notification (one binary frame). Never skips: overflow closes the socket.</summary>
    public EnqueueResult Send(ReadOnlyMemory<byte> json) => Enqueue(new OutFrame(Opcode.Binary, json));

    internal void SendPing(long nowMs)
    {
        Volatile.Write(ref lastPingMs, nowMs);
        Enqueue(new OutFrame(Opcode.Ping, ReadOnlyMemory<byte>.Empty));
    }

    private protected EnqueueResult Enqueue(OutFrame frame)
    {
        var start = false;
        var overflow = false;
        lock (this)
        {
            if (state >= StateClosing)
            {
                return EnqueueResult.Gone;
            }

            queue ??= new Queue<OutFrame>(4);
            if (queue.Count >= hub.Options.MaxQueuedFrames)
            {
                overflow = true;
            }
            else
            {
                queue.Enqueue(frame);
                if (!writing && state == StateOpen)
                {
                    writing = true;
                    start = true;
                }
            }
        }

        if (overflow)
        {
            Abort(CloseReason.Overflow);
            return EnqueueResult.Overflow;
        }

        if (start)
        {
            _ = WriteLoopAsync();
        }

        return EnqueueResult.Queued;
    }
}
