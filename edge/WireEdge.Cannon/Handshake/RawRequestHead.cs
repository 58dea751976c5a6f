using System.Buffers;
using System.Text;

namespace WireEdge.Cannon.Handshake;

/// <summary>
/// Recognises an <c>/await</c> (or <c>/websocket</c>, optionally under <c>/vN</c>) upgrade request
/// at the connection level, before Kestrel's HTTP layer, and parses its head.
/// </summary>
internal static class RawRequestHead
{
    public const int MaxHeadBytes = 16 * 1024;

    public enum Kind
    {
        NeedMore,
        NotOurs,
        Ours,
    }

    private static ReadOnlySpan<byte> Get => "GET /"u8;

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    /// <summary>Classifies the bytes received so far; <paramref name="headLength"/> is set for <see cref="Kind.Ours"/>.</summary>
    public static Kind Classify(in ReadOnlySequence<byte> buffer, out int headLength)
    {
        headLength = 0;
        Span<byte> start = stackalloc byte[5];
        var n = (int)Math.Min(buffer.Length, 5);
        buffer.Slice(0, n).CopyTo(start);
        if (!Get.StartsWith(start[..n]))
        {
            return Kind.NotOurs;
        }

        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            return buffer.Length > 2048 ? Kind.NotOurs : Kind.NeedMore;
        }

        if (line.Length > 2048 || !IsAwaitPath(line))
        {
            return Kind.NotOurs;
        }

        var all = new SequenceReader<byte>(buffer);
        if (!all.TryReadTo(out ReadOnlySequence<byte> head, HeadEnd))
        {
            return buffer.Length > MaxHeadBytes ? Kind.NotOurs : Kind.NeedMore;
        }

        if (head.Length > MaxHeadBytes)
        {
            return Kind.NotOurs;
        }

        headLength = (int)head.Length + HeadEnd.Length;
        return Kind.Ours;
    }

    private static bool IsAwaitPath(in ReadOnlySequence<byte> line)
    {
        Span<byte> l = stackalloc byte[(int)line.Length];
        line.CopyTo(l);
        var target = l[4..]; // after "GET "
        var sp = target.IndexOf((byte)' ');
        if (sp < 0 || !target[(sp + 1)..].StartsWith("HTTP/1.1"u8))
        {
            return false;
        }

        var path = target[..sp];
        var q = path.IndexOf((byte)'?');
        if (q >= 0)
        {
            path = path[..q];
        }

        if (path.Length > 2 && path[1] == (byte)'v')
        {
            var i = 2;
            while (i < path.Length && path[i] is >= (byte)'0' and <= (byte)'9')
            {
                i++;
            }

            if (i > 2 && i < path.Length && path[i] == (byte)'/')
            {
                path = path[i..];
            }
        }

        return path.SequenceEqual("/await"u8) || path.SequenceEqual("/websocket"u8);
    }

    /// <summary>Parses the request head into an <see cref="AwaitRequest"/> (trusting Z-* headers only when asked).</summary>
    public static AwaitRequest Parse(in ReadOnlySequence<byte> head, bool trustZHeaders)
    {
        var text = Encoding.Latin1.GetString(head);
        var lines = text.Split("\r\n");
        var target = lines[0].Split(' ')[1];
        string? token = null, client = null;
        var q = target.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            foreach (var pair in target[(q + 1)..].Split('&'))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = eq < 0 ? pair : pair[..eq];
                var value = eq < 0 ? string.Empty : Unescape(pair[(eq + 1)..]);
                if (key == "access_token")
                {
                    token ??= value;
                }
                else if (key == "client")
                {
                    client ??= value;
                }
            }
        }

        string? connection = null, upgrade = null, key64 = null, version = null, authorization = null, zUser = null, zConn = null, zClient = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line.AsSpan(0, colon).Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                connection = connection is null ? value : connection + "," + value;
            }
            else if (name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase))
            {
                upgrade = value;
            }
            else if (name.Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))
            {
                key64 = value;
            }
            else if (name.Equals("Sec-WebSocket-Version", StringComparison.OrdinalIgnoreCase))
            {
                version = value;
            }
            else if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                authorization = value;
            }
            else if (trustZHeaders && name.Equals("Z-User", StringComparison.OrdinalIgnoreCase))
            {
                zUser = value;
            }
            else if (trustZHeaders && name.Equals("Z-Connection", StringComparison.OrdinalIgnoreCase))
            {
                zConn = value;
            }
            else if (trustZHeaders && name.Equals("Z-Client", StringComparison.OrdinalIgnoreCase))
            {
                zClient = value;
            }
        }

        token ??= AwaitHandshake.Bearer(authorization);
        Guid? trustedUser = Guid.TryParse(zUser, out var u) ? u : null;
        var isUpgrade = AwaitHandshake.IsUpgrade(connection, upgrade);
        return new AwaitRequest(token, client, isUpgrade, key64, version, trustedUser, zConn, zClient);
    }

    private static string Unescape(string s)
    {
        try
        {
            return Uri.UnescapeDataString(s.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return s;
        }
    }
}
