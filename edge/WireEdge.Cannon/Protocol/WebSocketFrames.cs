using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WireEdge.Cannon.Protocol;

/// <summary>RFC 6455 opcodes used here.</summary>
public enum Opcode : byte
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
}

/// <summary>Server-side RFC 6455 framing: unmasked frames out, masked frames in.</summary>
public static class WebSocketFrames
{
    private static readonly byte[] AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8.ToArray();

    /// <summary>The application-level keep-alive request and answer (CLIENT-CONTRACT §5).</summary>
    public static ReadOnlySpan<byte> PingText => "ping"u8;

    public static readonly ReadOnlyMemory<byte> PongText = "pong"u8.ToArray();

    /// <summary>Writes one unmasked frame (FIN set) to <paramref name="writer"/> without copying the payload twice.</summary>
    public static void Write(IBufferWriter<byte> writer, Opcode opcode, ReadOnlySpan<byte> payload)
    {
        var header = writer.GetSpan(10);
        header[0] = (byte)(0x80 | (byte)opcode);
        int n;
        if (payload.Length < 126)
        {
            header[1] = (byte)payload.Length;
            n = 2;
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)payload.Length);
            n = 4;
        }
        else
        {
            header[1] = 127;
            BinaryPrimitives.WriteUInt64BigEndian(header[2..], (ulong)payload.Length);
            n = 10;
        }

        writer.Advance(n);
        if (!payload.IsEmpty)
        {
            writer.Write(payload);
        }
    }

    /// <summary>Close frame payload: status code then UTF-8 reason (≤ 123 bytes).</summary>
    public static byte[] ClosePayload(ushort code, string reason)
    {
        var r = Encoding.UTF8.GetBytes(reason);
        var len = Math.Min(r.Length, 123);
        var p = new byte[2 + len];
        BinaryPrimitives.WriteUInt16BigEndian(p, code);
        r.AsSpan(0, len).CopyTo(p.AsSpan(2));
        return p;
    }

    /// <summary><c>Sec-WebSocket-Accept</c> for a client key.</summary>
    public static string AcceptKey(ReadOnlySpan<char> key)
    {
        Span<byte> buf = stackalloc byte[128];
        var n = Encoding.ASCII.GetBytes(key.Trim(), buf);
        AcceptGuid.CopyTo(buf[n..]);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is mandated by RFC 6455 for the handshake; not a security use.
        SHA1.HashData(buf[..(n + AcceptGuid.Length)], hash);
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>A client key is the base64 of 16 bytes.</summary>
    public static bool IsValidKey(ReadOnlySpan<char> key)
    {
        key = key.Trim();
        Span<byte> tmp = stackalloc byte[18];
        return key.Length == 24 && Convert.TryFromBase64Chars(key, tmp, out var written) && written == 16;
    }
}

/// <summary>One parsed client frame header.</summary>
public readonly record struct ClientFrameHeader(bool Fin, Opcode Opcode, bool Masked, long PayloadLength, int HeaderLength, uint MaskKey);

/// <summary>Parses client frames from a pipe buffer.</summary>
public static class ClientFrameParser
{
    /// <summary>Reads a frame header; false when more bytes are needed.</summary>
    public static bool TryReadHeader(in ReadOnlySequence<byte> buffer, out ClientFrameHeader header)
    {
        header = default;
        if (buffer.Length < 2)
        {
            return false;
        }

        Span<byte> h = stackalloc byte[14];
        var avail = (int)Math.Min(buffer.Length, 14);
        buffer.Slice(0, avail).CopyTo(h);
        var fin = (h[0] & 0x80) != 0;
        var opcode = (Opcode)(h[0] & 0x0F);
        var masked = (h[1] & 0x80) != 0;
        long len = h[1] & 0x7F;
        var pos = 2;
        if (len == 126)
        {
            if (avail < 4)
            {
                return false;
            }

            len = BinaryPrimitives.ReadUInt16BigEndian(h[2..]);
            pos = 4;
        }
        else if (len == 127)
        {
            if (avail < 10)
            {
                return false;
            }

            var l = BinaryPrimitives.ReadUInt64BigEndian(h[2..]);
            len = l > long.MaxValue ? long.MaxValue : (long)l;
            pos = 10;
        }

        uint mask = 0;
        if (masked)
        {
            if (avail < pos + 4)
            {
                return false;
            }

            mask = BinaryPrimitives.ReadUInt32BigEndian(h[pos..]);
            pos += 4;
        }

        header = new ClientFrameHeader(fin, opcode, masked, len, pos, mask);
        return true;
    }

    /// <summary>Copies and unmasks a (small) payload.</summary>
    public static void Unmask(in ReadOnlySequence<byte> payload, uint mask, Span<byte> destination)
    {
        payload.CopyTo(destination);
        Span<byte> key = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(key, mask);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] ^= key[i & 3];
        }
    }
}
