using System.Security.Cryptography;
using System.Text;
using WireEdge.Contracts.Ids;

namespace WireEdge.Galley.Conversations;

/// <summary>
/// The deterministic id of the one-to-one conversation of two users (wire-server's
/// <c>one2OneConvId</c>, FACTS.md §7.1), so both backends and both users agree on it:
/// <list type="number">
/// <item>Order the two qualified users by (domain, uuid) ascending (domain as ASCII, uuid as its 16 big-endian bytes).</item>
/// <item>c = namespace uuid 9a51edb8-060c-0d9a-0c29-50a85d152982 (16 raw bytes) ‖ ascii(uuid a, lowercase dashed) ‖ ascii(domain a) ‖ ascii(uuid b) ‖ ascii(domain b).</item>
/// <item>x = SHA-256(c); the id is x[0..16] as a big-endian uuid with version 5 (byte 6 high nibble = 5) and the RFC 4122 variant (byte 8 top bits = 10).</item>
/// <item>The owning domain is a's when the top bit of x[16] is 0, else b's.</item>
/// </list>
/// </summary>
public static class One2OneConversationId
{
    private static readonly byte[] Namespace = [0x9a, 0x51, 0xed, 0xb8, 0x06, 0x0c, 0x0d, 0x9a, 0x0c, 0x29, 0x50, 0xa8, 0x5d, 0x15, 0x29, 0x82];

    public static QualifiedId Compute(QualifiedId a, QualifiedId b)
    {
        if (Compare(a, b) > 0)
        {
            (a, b) = (b, a);
        }

        var buffer = new byte[16 + 36 + Encoding.ASCII.GetByteCount(a.Domain) + 36 + Encoding.ASCII.GetByteCount(b.Domain)];
        var n = 0;
        Namespace.CopyTo(buffer, 0);
        n += 16;
        n += Encoding.ASCII.GetBytes(a.Id.ToString("D"), buffer.AsSpan(n));
        n += Encoding.ASCII.GetBytes(a.Domain, buffer.AsSpan(n));
        n += Encoding.ASCII.GetBytes(b.Id.ToString("D"), buffer.AsSpan(n));
        n += Encoding.ASCII.GetBytes(b.Domain, buffer.AsSpan(n));

        Span<byte> x = stackalloc byte[32];
        SHA256.HashData(buffer.AsSpan(0, n), x);
        Span<byte> id = stackalloc byte[16];
        x[..16].CopyTo(id);
        id[6] = (byte)((id[6] & 0x0F) | 0x50);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        var domain = (x[16] & 0x80) == 0 ? a.Domain : b.Domain;
        return new QualifiedId(new Guid(id, bigEndian: true), domain);
    }

    private static int Compare(QualifiedId a, QualifiedId b)
    {
        var d = string.CompareOrdinal(a.Domain, b.Domain);
        if (d != 0)
        {
            return d;
        }

        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.Id.TryWriteBytes(x, bigEndian: true, out _);
        b.Id.TryWriteBytes(y, bigEndian: true, out _);
        return x.SequenceCompareTo(y);
    }
}
