using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace WireEdge.Edge.Forwarding;

public sealed partial class Http1Forwarder
{
    /// <summary>
    /// Copies a piece of the body to the client and flushes it. Used for Content-Length and close-delimited
    /// bodies: on Kestrel's response writer, bytes only advanced (<c>GetSpan</c>/<c>Advance</c>) after the
    /// response started are not flushed when the request ends, so the tail of a large download stayed in
    /// the edge until the client gave up; <see cref="PipeWriter.WriteAsync"/> counts and flushes them.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask RelayAsync(HttpResponse response, ReadOnlyMemory<byte> piece)
    {
        var flushed = await response.BodyWriter.WriteAsync(piece).ConfigureAwait(false);
        if (flushed.IsCompleted || flushed.IsCanceled)
        {
            throw new OperationCanceledException("the client went away");
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask Flush(PipeWriter writer)
    {
        var flushed = await writer.FlushAsync().ConfigureAwait(false);
        if (flushed.IsCompleted || flushed.IsCanceled)
        {
            throw new OperationCanceledException("the client went away");
        }
    }

    /// <summary>Relays a body without length or chunking: until the upstream closes.</summary>
    private static async Task RelayUntilCloseAsync(HttpResponse response, UpstreamConnection conn, int bodyStart, int filled, TimeSpan idleTimeout)
    {
        var buf = conn.Buffer;
        if (filled > bodyStart)
        {
            await RelayAsync(response, buf.AsMemory(bodyStart, filled - bodyStart)).ConfigureAwait(false);
        }

        while (true)
        {
            var n = await conn.ReceiveBodyAsync(buf, idleTimeout).ConfigureAwait(false);
            if (n == 0)
            {
                return;
            }

            await RelayAsync(response, buf.AsMemory(0, n)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Buffers a piece without flushing. <c>GetSpan(length)</c> guarantees room for the whole piece; the
    /// <c>IBufferWriter</c> span extension asks for any span and, before the response starts, fails with
    /// "out of range (writer)" on a piece larger than one of Kestrel's segments.
    /// </summary>
    private static void Stage(PipeWriter writer, ReadOnlySpan<byte> piece)
    {
        piece.CopyTo(writer.GetSpan(piece.Length));
        writer.Advance(piece.Length);
    }

    /// <summary>
    /// Relays a chunked body; the client response is chunked too. Pieces are buffered and flushed before each
    /// read from the upstream; the tail needs no flush, because Kestrel writes buffered chunk data together
    /// with the terminating chunk when the request ends.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> RelayChunkedAsync(HttpResponse response, UpstreamConnection conn, int pos, int filled, TimeSpan idleTimeout)
    {
        var buf = conn.Buffer;
        var writer = response.BodyWriter;
        while (true)
        {
            int lineEnd;
            while ((lineEnd = IndexOfCrlf(buf, pos, filled)) < 0)
            {
                (pos, filled) = await FillAsync(writer, conn, pos, filled, idleTimeout).ConfigureAwait(false);
            }

            var size = ParseChunkSize(buf.AsSpan(pos, lineEnd - pos));
            pos = lineEnd + 2;
            if (size == 0)
            {
                while (true)
                {
                    while ((lineEnd = IndexOfCrlf(buf, pos, filled)) < 0)
                    {
                        (pos, filled) = await FillAsync(writer, conn, pos, filled, idleTimeout).ConfigureAwait(false);
                    }

                    var empty = lineEnd == pos;
                    pos = lineEnd + 2;
                    if (empty)
                    {
                        return pos == filled;
                    }
                }
            }

            var remaining = size;
            while (remaining > 0)
            {
                if (pos == filled)
                {
                    await Flush(writer).ConfigureAwait(false);
                    pos = 0;
                    filled = await conn.ReceiveBodyAsync(buf, idleTimeout).ConfigureAwait(false);
                    if (filled == 0)
                    {
                        throw new IOException("upstream closed the connection mid-chunk");
                    }
                }

                var take = (int)Math.Min(filled - pos, remaining);
                Stage(writer, buf.AsSpan(pos, take));
                pos += take;
                remaining -= take;
            }

            while (filled - pos < 2)
            {
                (pos, filled) = await FillAsync(writer, conn, pos, filled, idleTimeout).ConfigureAwait(false);
            }

            if (buf[pos] != '\r' || buf[pos + 1] != '\n')
            {
                throw new UpstreamProtocolException("bad chunk terminator");
            }

            pos += 2;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<(int Pos, int Filled)> FillAsync(PipeWriter writer, UpstreamConnection conn, int pos, int filled, TimeSpan idleTimeout)
    {
        await Flush(writer).ConfigureAwait(false);
        var buf = conn.Buffer;
        if (pos > 0)
        {
            Buffer.BlockCopy(buf, pos, buf, 0, filled - pos);
            filled -= pos;
            pos = 0;
        }

        if (filled == buf.Length)
        {
            throw new UpstreamProtocolException("chunk header too large");
        }

        var n = await conn.ReceiveBodyAsync(buf.AsMemory(filled), idleTimeout).ConfigureAwait(false);
        if (n == 0)
        {
            throw new IOException("upstream closed the connection mid-body");
        }

        return (pos, filled + n);
    }

    private static int FindHeadEnd(byte[] buf, int from, int filled)
    {
        var i = buf.AsSpan(from, filled - from).IndexOf("\r\n\r\n"u8);
        return i < 0 ? -1 : from + i;
    }

    private static int IndexOfCrlf(byte[] buf, int from, int filled)
    {
        var i = buf.AsSpan(from, filled - from).IndexOf("\r\n"u8);
        return i < 0 ? -1 : from + i;
    }

    private static long ParseChunkSize(ReadOnlySpan<byte> line)
    {
        var semi = line.IndexOf((byte)';');
        if (semi >= 0)
        {
            line = line[..semi];
        }

        line = line.Trim((byte)' ');
        if (line.IsEmpty || line.Length > 15 || !Utf8Parser.TryParse(line, out long size, out var used, 'x') || used != line.Length || size < 0)
        {
            throw new UpstreamProtocolException("bad chunk size");
        }

        return size;
    }

    private static int ParseStatusLine(ReadOnlySpan<byte> head, out bool http10)
    {
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (head.Length < 12 || !head.StartsWith("HTTP/1."u8) || head[8] != ' ')
        {
            throw new UpstreamProtocolException("bad status line");
        }

        http10 = head[7] == '0';
        var d = head.Slice(9, 3);
        if (!char.IsAsciiDigit((char)d[0]) || !char.IsAsciiDigit((char)d[1]) || !char.IsAsciiDigit((char)d[2]))
        {
            throw new UpstreamProtocolException("bad status code");
        }

        return (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
    }

    private readonly record struct HeadInfo(long? ContentLength, bool Chunked, bool Close);

    private static HeadInfo ApplyHead(HttpResponse response, ReadOnlySpan<byte> head, int status)
    {
        response.StatusCode = status;
        var headers = response.Headers;
        long? length = null;
        bool chunked = false, close = false;
        var first = head.IndexOf("\r\n"u8);
        var rest = first < 0 ? default : head[(first + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new UpstreamProtocolException("bad header line");
            }

            var name = line[..colon].TrimEnd((byte)' ');
            var value = line[(colon + 1)..].Trim(" \t"u8);
            switch (Classify(name))
            {
                case HeaderKind.ContentLength:
                    if (!Utf8Parser.TryParse(value, out long l, out var used) || used != value.Length || l < 0)
                    {
                        throw new UpstreamProtocolException("bad content-length");
                    }

                    length = l;
                    break;
                case HeaderKind.TransferEncoding:
                    chunked = ContainsIgnoreCase(value, "chunked"u8);
                    break;
                case HeaderKind.Connection:
                    close = ContainsIgnoreCase(value, "close"u8);
                    break;
                case HeaderKind.Skip:
                    break;
                case HeaderKind.Volatile:
                case HeaderKind.Stable:
                    var n = HeaderStrings.Get(name, cacheable: true);
                    var v = HeaderStrings.Get(value, cacheable: Classify(name) == HeaderKind.Stable);
                    if (IsMultiValued(name) && headers.TryGetValue(n, out var existing))
                    {
                        headers[n] = StringValues.Concat(existing, v);
                    }
                    else
                    {
                        headers[n] = v;
                    }

                    break;
            }
        }

        return new HeadInfo(length, chunked, close);
    }

    private enum HeaderKind
    {
        Stable,
        Volatile,
        Skip,
        ContentLength,
        TransferEncoding,
        Connection,
    }

    private static HeaderKind Classify(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when Ascii.EqualsIgnoreCase(name, "date"u8) => HeaderKind.Skip,
        4 when Ascii.EqualsIgnoreCase(name, "etag"u8) => HeaderKind.Volatile,
        6 when Ascii.EqualsIgnoreCase(name, "server"u8) => HeaderKind.Skip,
        7 when Ascii.EqualsIgnoreCase(name, "upgrade"u8) => HeaderKind.Skip,
        7 when Ascii.EqualsIgnoreCase(name, "expires"u8) => HeaderKind.Volatile,
        8 when Ascii.EqualsIgnoreCase(name, "location"u8) => HeaderKind.Volatile,
        10 when Ascii.EqualsIgnoreCase(name, "connection"u8) => HeaderKind.Connection,
        10 when Ascii.EqualsIgnoreCase(name, "keep-alive"u8) => HeaderKind.Skip,
        10 when Ascii.EqualsIgnoreCase(name, "set-cookie"u8) => HeaderKind.Volatile,
        10 when Ascii.EqualsIgnoreCase(name, "request-id"u8) => HeaderKind.Skip,
        11 when Ascii.EqualsIgnoreCase(name, "content-md5"u8) => HeaderKind.Volatile,
        13 when Ascii.EqualsIgnoreCase(name, "last-modified"u8) => HeaderKind.Volatile,
        14 when Ascii.EqualsIgnoreCase(name, "content-length"u8) => HeaderKind.ContentLength,
        16 when Ascii.EqualsIgnoreCase(name, "proxy-connection"u8) => HeaderKind.Skip,
        17 when Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8) => HeaderKind.TransferEncoding,
        19 when Ascii.EqualsIgnoreCase(name, "content-disposition"u8) => HeaderKind.Volatile,
        _ => HeaderKind.Stable,
    };

    private static bool IsMultiValued(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "set-cookie"u8) || Ascii.EqualsIgnoreCase(name, "vary"u8) || Ascii.EqualsIgnoreCase(name, "link"u8)
        || Ascii.EqualsIgnoreCase(name, "www-authenticate"u8) || Ascii.EqualsIgnoreCase(name, "warning"u8);

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        for (var i = 0; i + token.Length <= value.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(value.Slice(i, token.Length), token))
            {
                return true;
            }
        }

        return false;
    }
}
