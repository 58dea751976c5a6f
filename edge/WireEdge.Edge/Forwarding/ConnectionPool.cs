using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace WireEdge.Edge.Forwarding;

/// <summary>Idle keep-alive connections to one destination (LIFO, bounded, idle ones expire).</summary>
internal sealed class ConnectionPool(Destination destination)
{
    private const int MaxIdle = 512;
    private static readonly long IdleTicks = 50 * Stopwatch.Frequency;
    private readonly Stack<UpstreamConnection> idle = new();
    private readonly Lock gate = new();

    public int IdleCount
    {
        get
        {
            lock (gate)
            {
                return idle.Count;
            }
        }
    }

    /// <summary>An idle connection, or null when a new one has to be opened.</summary>
    public UpstreamConnection? Rent()
    {
        var now = Stopwatch.GetTimestamp();
        while (true)
        {
            UpstreamConnection? c;
            lock (gate)
            {
                if (!idle.TryPop(out c))
                {
                    return null;
                }
            }

            if (now - c.LastUsed < IdleTicks)
            {
                return c;
            }

            c.Dispose();
        }
    }

    public void Return(UpstreamConnection connection)
    {
        connection.LastUsed = Stopwatch.GetTimestamp();
        lock (gate)
        {
            if (idle.Count < MaxIdle)
            {
                idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    public async ValueTask<UpstreamConnection> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            await socket.ConnectAsync(destination.EndPoint, cts.Token).ConfigureAwait(false);
            return new UpstreamConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>One keep-alive HTTP/1.1 connection to an upstream with its reusable buffer and timeout source.</summary>
internal sealed class UpstreamConnection : IDisposable
{
    public const int BufferSize = 16 * 1024;

    public UpstreamConnection(Socket socket)
    {
        Socket = socket;
        Buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    public Socket Socket { get; }

    public byte[] Buffer { get; private set; }

    public CancellationTokenSource Timeout { get; private set; } = new();

    public long LastUsed { get; set; }

    /// <summary>True for a connection taken from the pool (a failure before any response byte may be retried).</summary>
    public bool Reused { get; set; }

    /// <summary>Whether the current request's body was (partly) sent (then no retry).</summary>
    public bool BodySent { get; set; }

    /// <summary>Response bytes received for the current request.</summary>
    public long Received { get; set; }

    /// <summary>
    /// Reads part of a response body. <paramref name="idleTimeout"/> bounds the wait for this read only
    /// (nginx <c>proxy_read_timeout</c>): a large download to a slow client may take longer than that in
    /// total, while an upstream that stops sending is still cut off.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReceiveBodyAsync(Memory<byte> buffer, TimeSpan idleTimeout)
    {
        Timeout.CancelAfter(idleTimeout);
        var n = await Socket.ReceiveAsync(buffer, SocketFlags.None, Timeout.Token).ConfigureAwait(false);
        Timeout.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);
        return n;
    }

    /// <summary>Makes the timeout source reusable for the next request.</summary>
    public void ResetTimeout()
    {
        if (!Timeout.TryReset())
        {
            Timeout.Dispose();
            Timeout = new CancellationTokenSource();
        }
    }

    public void Dispose()
    {
        Socket.Dispose();
        Timeout.Dispose();
        var b = Buffer;
        Buffer = [];
        if (b.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
