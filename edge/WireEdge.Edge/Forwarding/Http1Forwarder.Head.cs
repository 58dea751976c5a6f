using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.Http;
using WireEdge.Edge.Auth;

namespace WireEdge.Edge.Forwarding;

public sealed partial class Http1Forwarder
{
    /// <summary>Writes the request head into <paramref name="buffer"/>; -1 when it does not fit.</summary>
    private static int WriteHead(HttpContext context, Destination destination, EdgeIdentity? identity, bool stripAuthorization, long bodyLength, byte[] buffer)
    {
        var w = new HeadWriter(buffer);
        var request = context.Request;
        w.Latin1(request.Method);
        w.Bytes(" "u8);
        var target = RequestFeature(context).RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            target = request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        }

        w.Latin1(target);
        w.Bytes(" HTTP/1.1\r\n"u8);
        w.Bytes(destination.HostLine);
        foreach (var h in request.Headers)
        {
            if (IsSkipped(h.Key, stripAuthorization))
            {
                continue;
            }

            foreach (var v in h.Value)
            {
                w.Latin1(h.Key);
                w.Bytes(": "u8);
                w.Latin1(v);
                w.Bytes("\r\n"u8);
            }
        }

        if (identity is not null)
        {
            w.Bytes(identity.HeaderBlock);
        }

        var zhost = EdgeHost.Name(request.Host.Value);
        if (!zhost.IsEmpty)
        {
            w.Bytes("Z-Host: "u8);
            w.LowerAscii(zhost);
            w.Bytes("\r\n"u8);
        }

        if (bodyLength > 0)
        {
            w.Bytes("Content-Length: "u8);
            w.Number(bodyLength);
            w.Bytes("\r\n"u8);
        }

        w.Bytes("\r\n"u8);
        return w.Failed ? -1 : w.Length;
    }

    /// <summary>Hop-by-hop and edge-owned request headers that are not forwarded.</summary>
    internal static bool IsSkipped(string name, bool stripAuthorization)
    {
        if (name.Length > 2 && (name[0] == 'Z' || name[0] == 'z') && name[1] == '-')
        {
            return true;
        }

        return name.Length switch
        {
            2 => name.Equals("TE", StringComparison.OrdinalIgnoreCase),
            4 => name.Equals("Host", StringComparison.OrdinalIgnoreCase),
            6 => name.Equals("Expect", StringComparison.OrdinalIgnoreCase),
            7 => name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase),
            10 => name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase),
            13 => stripAuthorization && name.Equals("Authorization", StringComparison.OrdinalIgnoreCase),
            14 => name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase),
            16 => name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase),
            17 => name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private ref struct HeadWriter(Span<byte> buffer)
    {
        private readonly Span<byte> buffer = buffer;

        public int Length { get; private set; }

        public bool Failed { get; private set; }

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            if (Failed || bytes.Length > buffer.Length - Length)
            {
                Failed = true;
                return;
            }

            bytes.CopyTo(buffer[Length..]);
            Length += bytes.Length;
        }

        public void Latin1(string? text)
        {
            if (text is null)
            {
                return;
            }

            if (Failed || text.Length > buffer.Length - Length)
            {
                Failed = true;
                return;
            }

            Length += Encoding.Latin1.GetBytes(text, buffer[Length..]);
        }

        public void LowerAscii(ReadOnlySpan<char> text)
        {
            if (Failed || text.Length > buffer.Length - Length)
            {
                Failed = true;
                return;
            }

            var dest = buffer[Length..];
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                dest[i] = (byte)(c is >= 'A' and <= 'Z' ? c + 32 : c);
            }

            Length += text.Length;
        }

        public void Number(long value)
        {
            if (Failed || !Utf8Formatter.TryFormat(value, buffer[Length..], out var n))
            {
                Failed = true;
                return;
            }

            Length += n;
        }
    }
}
