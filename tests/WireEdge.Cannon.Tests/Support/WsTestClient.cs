using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace WireEdge.Cannon.Tests.Support;

/// <summary>A minimal hand-rolled websocket client: raw handshake, masked frames out, any frame in.</summary>
public sealed class WsTestClient : IAsyncDisposable
{
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;

    private WsTestClient(TcpClient tcp, int status, string head)
    {
        this.tcp = tcp;
        stream = tcp.GetStream();
        Status = status;
        Head = head;
    }

    public int Status { get; }

    public string Head { get; }

    public NetworkStream Stream => stream;

    /// <summary>Sends an upgrade request for <paramref name="pathAndQuery"/> and reads the response head.</summary>
    public static async Task<WsTestClient> ConnectAsync(Uri baseUri, string pathAndQuery, string? extraHeaders = null, bool upgrade = true, int receiveBuffer = 0)
    {
        var tcp = new TcpClient();
        if (receiveBuffer > 0)
        {
            tcp.ReceiveBufferSize = receiveBuffer;
        }

        await tcp.ConnectAsync(baseUri.Host, baseUri.Port);
        var s = tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var req = new StringBuilder()
            .Append("GET ").Append(pathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(baseUri.Authority).Append("\r\n");
        if (upgrade)
        {
            req.Append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ").Append(key).Append("\r\n");
        }

        req.Append(extraHeaders ?? string.Empty).Append("\r\n");
        await s.WriteAsync(Encoding.ASCII.GetBytes(req.ToString()));
        var head = await ReadHeadAsync(s);
        var status = int.Parse(head.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        var client = new WsTestClient(tcp, status, head);
        if (status == 101)
        {
            var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            Assert.Contains("Sec-WebSocket-Accept: " + expected, head, StringComparison.OrdinalIgnoreCase);
        }

        return client;
    }

    /// <summary>Reads the body of a non-101 response (Content-Length).</summary>
    public async Task<string> ReadBodyAsync()
    {
        var line = Head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (line is not null)
        {
            var len = int.Parse(line[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var buf = new byte[len];
            await stream.ReadExactlyAsync(buf);
            return Encoding.UTF8.GetString(buf);
        }

        Assert.Contains("Transfer-Encoding: chunked", Head, StringComparison.OrdinalIgnoreCase);
        var body = new List<byte>();
        while (true)
        {
            var size = Convert.ToInt32(await ReadLineAsync(), 16);
            if (size == 0)
            {
                return Encoding.UTF8.GetString(body.ToArray());
            }

            var chunk = new byte[size + 2];
            await stream.ReadExactlyAsync(chunk);
            body.AddRange(chunk.AsSpan(0, size).ToArray());
        }
    }

    private async Task<string> ReadLineAsync()
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != (byte)'\n')
        {
            if (one[0] != (byte)'\r')
            {
                bytes.Add(one[0]);
            }
        }

        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    public Task SendTextAsync(string text) => SendAsync(0x1, Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(int opcode, byte[] payload)
    {
        var mask = RandomNumberGenerator.GetBytes(4);
        var frame = new List<byte> { (byte)(0x80 | opcode) };
        if (payload.Length < 126)
        {
            frame.Add((byte)(0x80 | payload.Length));
        }
        else
        {
            frame.Add(0x80 | 126);
            frame.Add((byte)(payload.Length >> 8));
            frame.Add((byte)payload.Length);
        }

        frame.AddRange(mask);
        for (var i = 0; i < payload.Length; i++)
        {
            frame.Add((byte)(payload[i] ^ mask[i & 3]));
        }

        await stream.WriteAsync(frame.ToArray());
    }

    /// <summary>Reads one frame; null when the connection ended.</summary>
    public async Task<(int Opcode, byte[] Payload)?> ReadFrameAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            var h = new byte[2];
            if (!await ReadExactAsync(h, cts.Token))
            {
                return null;
            }

            Assert.Equal(0, h[1] & 0x80); // server frames are never masked
            long len = h[1] & 0x7F;
            if (len == 126)
            {
                var b = new byte[2];
                await ReadExactAsync(b, cts.Token);
                len = BinaryPrimitives.ReadUInt16BigEndian(b);
            }
            else if (len == 127)
            {
                var b = new byte[8];
                await ReadExactAsync(b, cts.Token);
                len = (long)BinaryPrimitives.ReadUInt64BigEndian(b);
            }

            var payload = new byte[len];
            if (len > 0 && !await ReadExactAsync(payload, cts.Token))
            {
                return null;
            }

            return (h[0] & 0x0F, payload);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Reads frames, answering nothing, until a non-control frame (ping/pong skipped) or the end.</summary>
    public async Task<(int Opcode, byte[] Payload)?> ReadDataOrCloseAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var f = await ReadFrameAsync(timeout);
            if (f is null || (f.Value.Opcode != 0x9 && f.Value.Opcode != 0xA))
            {
                return f;
            }
        }
    }

    /// <summary>Waits until the server ends the connection (close frame or EOF); returns the close frame if any.</summary>
    public async Task<(int Opcode, byte[] Payload)?> WaitClosedAsync(TimeSpan timeout)
    {
        (int Opcode, byte[] Payload)? close = null;
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var f = await ReadFrameAsync(deadline - DateTime.UtcNow);
            if (f is null)
            {
                return close ?? (-1, []);
            }

            if (f.Value.Opcode == 0x8)
            {
                close = f;
            }
        }

        throw new TimeoutException("socket still open");
    }

    private async Task<bool> ReadExactAsync(byte[] buf, CancellationToken ct)
    {
        var read = 0;
        while (read < buf.Length)
        {
            var n = await stream.ReadAsync(buf.AsMemory(read), ct);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private static async Task<string> ReadHeadAsync(NetworkStream s)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!(bytes.Count >= 4 && bytes[^1] == '\n' && bytes[^2] == '\r' && bytes[^3] == '\n' && bytes[^4] == '\r'))
        {
            if (await s.ReadAsync(one) == 0)
            {
                break;
            }

            bytes.Add(one[0]);
        }

        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    public ValueTask DisposeAsync()
    {
        tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
