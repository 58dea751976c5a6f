using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace WireEdge.LoadTests.Compare;

/// <summary>
/// The comparisons' websocket client: many sockets from one process, each bound to one of several
/// source addresses 127.A.B.k (at most <see cref="PerSource"/> per address, well under the ephemeral
/// port range), handshake written by hand over a plain <see cref="Socket"/>, then
/// <see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/> (answers pings with pongs
/// while a receive is pending). Sockets are closed with RST (linger 0), so no TIME_WAIT is left for the
/// next round. The same client with the same settings drives WireEdge and every peer.
/// </summary>
public sealed class WsFleet : IAsyncDisposable
{
    public const int PerSource = 10_000;
    private static int subnet = Random.Shared.Next(0, 200);

    private readonly ConcurrentBag<Conn> conns = [];
    private readonly ConcurrentDictionary<string, int> failures = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly int receiveBuffer;
    private readonly Action<int, ReadOnlyMemory<byte>>? onFrame;
    private readonly byte a;
    private readonly byte b;
    private int closedByServer;

    /// <param name="receiveBuffer">bytes per socket for receiving (frames larger are assembled in a pooled buffer)</param>
    /// <param name="onFrame">called with (socket index, message) for every complete data message</param>
    public WsFleet(int receiveBuffer = 256, Action<int, ReadOnlyMemory<byte>>? onFrame = null)
    {
        this.receiveBuffer = receiveBuffer;
        this.onFrame = onFrame;
        var n = Interlocked.Increment(ref subnet);
        a = (byte)(20 + (n / 250 % 200));
        b = (byte)(n % 250);
    }

    public int Open => conns.Count - Volatile.Read(ref closedByServer);
    public int ClosedByServer => Volatile.Read(ref closedByServer);
    public IReadOnlyDictionary<string, int> Failures => failures;

    private sealed record Conn(int Index, Socket Socket, WebSocket Ws, Task Loop);

    /// <summary>Indexes of the sockets that connected.</summary>
    public List<int> Connected() => [.. conns.Select(c => c.Index).Order()];

    /// <summary>Opens <paramref name="count"/> sockets, <paramref name="concurrency"/> handshakes at a time; <paramref name="url"/> gives socket i's URL.</summary>
    public async Task ConnectAsync(int count, int concurrency, Func<int, Uri> url, CancellationToken ct)
    {
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (i, token) =>
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var error = await TryConnectAsync(i, url(i), token).ConfigureAwait(false);
                if (error is null)
                {
                    return;
                }

                failures.AddOrUpdate(attempt == 0 ? error : "retry:" + error, 1, (_, v) => v + 1);
            }
        }).ConfigureAwait(false);
    }

    private async Task<string?> TryConnectAsync(int i, Uri uri, CancellationToken ct)
    {
        var source = new IPAddress([127, a, b, (byte)(1 + (i / PerSource))]);
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, LingerState = new LingerOption(true, 0) };
        try
        {
            s.SetRawSocketOption(0 /* SOL_IP */, 24 /* IP_BIND_ADDRESS_NO_PORT */, BitConverter.GetBytes(1));
            s.Bind(new IPEndPoint(source, 0));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            await s.ConnectAsync(uri.Host, uri.Port, timeout.Token).ConfigureAwait(false);
            var stream = new NetworkStream(s, ownsSocket: false);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token).ConfigureAwait(false);
            var (status, accept, leftover) = await ReadHeadAsync(stream, timeout.Token).ConfigureAwait(false);
            if (status != 101)
            {
                s.Dispose();
                return status == 0 ? "closed_before_upgrade" : $"http_{status}";
            }

            var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            if (accept != expected)
            {
                s.Dispose();
                return "bad_accept";
            }

            Stream inner = leftover.Length > 0 ? new PrefixedStream(leftover, stream) : stream;
            var ws = WebSocket.CreateFromStream(inner, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
            conns.Add(new Conn(i, s, ws, ReceiveLoopAsync(i, ws)));
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            s.Dispose();
            return "timeout";
        }
        catch (SocketException e)
        {
            s.Dispose();
            return e.SocketErrorCode.ToString();
        }
        catch (IOException)
        {
            s.Dispose();
            return "io";
        }
    }

    private static async Task<(int Status, string Accept, byte[] Leftover)> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var buf = new byte[1024];
        var len = 0;
        while (len < buf.Length)
        {
            var n = await stream.ReadAsync(buf.AsMemory(len), ct).ConfigureAwait(false);
            if (n == 0)
            {
                return (0, "", []);
            }

            len += n;
            var end = buf.AsSpan(0, len).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(buf, 0, end);
                var lines = head.Split("\r\n");
                var parts = lines[0].Split(' ');
                var status = parts.Length > 1 && int.TryParse(parts[1], out var st) ? st : -1;
                var accept = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Sec-WebSocket-Accept", StringComparison.OrdinalIgnoreCase))
                    .Select(p => p[1].Trim()).FirstOrDefault() ?? "";
                return (status, accept, buf[(end + 4)..len]);
            }
        }

        return (-1, "", []);
    }

    private async Task ReceiveLoopAsync(int index, WebSocket ws)
    {
        await Task.Yield();
        var buffer = new byte[receiveBuffer];
        byte[]? big = null;
        var bigLen = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var r = await ws.ReceiveAsync(buffer.AsMemory(), stop.Token).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    Interlocked.Increment(ref closedByServer);
                    return;
                }

                if (onFrame is null)
                {
                    continue;
                }

                if (r.EndOfMessage && big is null)
                {
                    onFrame(index, buffer.AsMemory(0, r.Count));
                    continue;
                }

                big ??= System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
                if (bigLen + r.Count <= big.Length)
                {
                    buffer.AsSpan(0, r.Count).CopyTo(big.AsSpan(bigLen));
                    bigLen += r.Count;
                }

                if (r.EndOfMessage)
                {
                    onFrame(index, big.AsMemory(0, bigLen));
                    System.Buffers.ArrayPool<byte>.Shared.Return(big);
                    big = null;
                    bigLen = 0;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            if (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref closedByServer);
            }
        }
    }

    /// <summary>Summary of connect failures by cause, e.g. "http_502=3, retry:timeout=1" or "none".</summary>
    public string FailureText() => failures.IsEmpty ? "none" : string.Join(", ", failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        foreach (var c in conns)
        {
            c.Ws.Abort();
            c.Socket.Dispose();
        }

        await Task.WhenAll(conns.Select(c => c.Loop)).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        stop.Dispose();
    }

    /// <summary>Returns bytes read with the handshake before reading on from the socket.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream inner) : Stream
    {
        private int offset;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (offset < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - offset);
                prefix.AsSpan(offset, n).CopyTo(buffer.Span);
                offset += n;
                return ValueTask.FromResult(n);
            }

            return inner.ReadAsync(buffer, cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override void Flush() => inner.Flush();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
