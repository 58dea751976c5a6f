using System.Buffers.Text;
using System.Globalization;
using System.Text;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Push;
using WireEdge.Contracts.Time;

namespace WireEdge.Galley.Messaging;

/// <summary>
/// Builds the <c>conversation.otr-message-add</c> pushes of a message: one per recipient client. The
/// part of the event common to every recipient is serialised once (a prefix up to <c>"recipient":"</c>
/// and a suffix after <c>"text"</c>, which carries the optional blob); each payload is that prefix, the
/// recipient's client id and base64 ciphertext, and the suffix, written into chunk buffers shared by
/// many payloads (each push gets a slice).
/// </summary>
public static class OtrPushBuilder
{
    private static readonly byte[] TextField = "\",\"text\":\""u8.ToArray();

    /// <summary>Upper bound of all payload bytes of one message (blob copies included).</summary>
    public const long MaxFanoutBytes = 512L * 1024 * 1024;

    /// <summary>The total payload size, to refuse amplification beyond <see cref="MaxFanoutBytes"/> before allocating.</summary>
    public static long MeasureTotal(OtrMessage message, IReadOnlyList<int> valid, int commonLength)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(valid);
        long total = 0;
        foreach (var i in valid)
        {
            var r = message.Recipients[i];
            total += commonLength + HexLength(r.Client) + TextField.Length + Base64.GetMaxEncodedToUtf8Length(r.Text.Length);
        }

        return total;
    }

    /// <summary>Prefix and suffix of the event common to all recipients.</summary>
    public static (byte[] Prefix, byte[] Suffix) Common(OtrMessage message, Guid conversation, string domain, Guid sender, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(domain);

        // Every interpolated value is a uuid, a hex id, a timestamp or the validated backend domain:
        // none needs JSON escaping.
        var prefix = Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"[{{\"type\":\"conversation.otr-message-add\",\"conversation\":\"{conversation:D}\",\"qualified_conversation\":{{\"id\":\"{conversation:D}\",\"domain\":\"{domain}\"}},\"from\":\"{sender:D}\",\"qualified_from\":{{\"id\":\"{sender:D}\",\"domain\":\"{domain}\"}},\"time\":\"{WireTime.Millis(time)}\",\"data\":{{\"sender\":\"{message.SenderClient:x}\",\"recipient\":\""));
        byte[] suffix;
        if (message.Blob is { } blob)
        {
            const string start = "\",\"data\":\"";
            suffix = new byte[start.Length + Base64.GetMaxEncodedToUtf8Length(blob.Length) + 4];
            var n = Encoding.ASCII.GetBytes(start, suffix);
            Base64.EncodeToUtf8(blob.Span, suffix.AsSpan(n), out _, out var written);
            n += written;
            "\"}}]"u8.CopyTo(suffix.AsSpan(n));
            n += 4;
            Array.Resize(ref suffix, n);
        }
        else
        {
            suffix = "\"}}]"u8.ToArray();
        }

        return (prefix, suffix);
    }

    /// <summary>
    /// Payload buffers are allocated in chunks below the large-object-heap threshold (85,000 bytes),
    /// so a big fan-out does not trigger gen-2 collections; a payload larger than a chunk gets its own.
    /// </summary>
    public const int ChunkBytes = 80 * 1024;

    /// <summary>One push per valid recipient client, payloads sliced from shared chunk buffers.</summary>
    public static PushRequest[] Build(OtrMessage message, IReadOnlyList<int> valid, byte[] prefix, byte[] suffix, Guid sender, string? originConnection)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(suffix);
        var pushes = new PushRequest[valid.Count];
        var route = message.NativePush ? PushRoute.Any : PushRoute.Direct;
        var common = prefix.Length + suffix.Length + TextField.Length;
        byte[] chunk = [];
        var offset = 0;
        for (var k = 0; k < valid.Count; k++)
        {
            var r = message.Recipients[valid[k]];
            var size = common + HexLength(r.Client) + Base64.GetMaxEncodedToUtf8Length(r.Text.Length);
            if (chunk.Length - offset < size)
            {
                chunk = new byte[Math.Max(size, ChunkBytes)];
                offset = 0;
            }

            var start = offset;
            var span = chunk.AsSpan(offset, size);
            prefix.CopyTo(span);
            var n = prefix.Length;
            r.Client.TryFormat(span[n..], out var hex, "x", CultureInfo.InvariantCulture);
            n += hex;
            TextField.CopyTo(span[n..]);
            n += TextField.Length;
            Base64.EncodeToUtf8(r.Text.Span, span[n..], out _, out var b64);
            n += b64;
            suffix.CopyTo(span[n..]);
            n += suffix.Length;
            offset += n;
            pushes[k] = new PushRequest
            {
                Recipients = [new PushRecipient(r.User, route, [new ClientId(r.Client)])],
                Payload = new ReadOnlyMemory<byte>(chunk, start, n),
                Origin = sender,
                OriginConnection = originConnection,
                Transient = message.Transient,
                NativePriority = message.Priority,
            };
        }

        return pushes;
    }

    private static int HexLength(ulong value) => value == 0 ? 1 : (67 - (int)ulong.LeadingZeroCount(value)) / 4;
}
