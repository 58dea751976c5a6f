using System.Buffers.Binary;
using System.Security.Cryptography;

namespace WireEdge.Gundeck.Notifications;

/// <summary>
/// Notification ids are RFC 4122 version-1 TimeUUIDs (FACTS.md §5.1). The 60-bit timestamp counts
/// 100 ns intervals since 1582-10-15; it is what ids sort by, so the store keeps it as a BIGINT sort
/// key next to the id text (<see cref="Timestamp"/>).
/// </summary>
public static class NotificationId
{
    /// <summary>100 ns intervals between 1582-10-15 (the UUID epoch) and 1970-01-01.</summary>
    public const long UnixEpochOffset = 0x01B21DD213814000L;

    /// <summary>Builds the id for a timestamp, a 14-bit clock sequence and a 48-bit node.</summary>
    public static Guid Create(long timestamp, ushort clockSequence, ulong node)
    {
        Span<byte> b = stackalloc byte[16];
        var ts = (ulong)timestamp;
        BinaryPrimitives.WriteUInt32BigEndian(b, (uint)(ts & 0xFFFFFFFF));
        BinaryPrimitives.WriteUInt16BigEndian(b[4..], (ushort)((ts >> 32) & 0xFFFF));
        BinaryPrimitives.WriteUInt16BigEndian(b[6..], (ushort)(((ts >> 48) & 0x0FFF) | 0x1000));
        BinaryPrimitives.WriteUInt16BigEndian(b[8..], (ushort)((clockSequence & 0x3FFF) | 0x8000));
        for (var i = 0; i < 6; i++)
        {
            b[10 + i] = (byte)(node >> (8 * (5 - i)));
        }

        return new Guid(b, bigEndian: true);
    }

    /// <summary>True when <paramref name="id"/> is a version-1 (time based) UUID.</summary>
    public static bool IsTimeUuid(Guid id)
    {
        Span<byte> b = stackalloc byte[16];
        id.TryWriteBytes(b, bigEndian: true, out _);
        return (b[6] >> 4) == 1;
    }

    /// <summary>The 60-bit timestamp of a version-1 UUID (100 ns since 1582-10-15).</summary>
    public static long Timestamp(Guid id)
    {
        Span<byte> b = stackalloc byte[16];
        id.TryWriteBytes(b, bigEndian: true, out _);
        ulong low = BinaryPrimitives.ReadUInt32BigEndian(b);
        ulong mid = BinaryPrimitives.ReadUInt16BigEndian(b[4..]);
        ulong high = BinaryPrimitives.ReadUInt16BigEndian(b[6..]) & 0x0FFFUL;
        return (long)((high << 48) | (mid << 32) | low);
    }

    /// <summary>The UTC time a timestamp stands for.</summary>
    public static DateTimeOffset ToTime(long timestamp)
        => new(DateTime.UnixEpoch.Ticks + (timestamp - UnixEpochOffset), TimeSpan.Zero);

    /// <summary>The UUID timestamp of a point in time.</summary>
    public static long FromTime(DateTimeOffset time) => time.UtcTicks - DateTime.UnixEpoch.Ticks + UnixEpochOffset;

    /// <summary>Parses a notification id; false unless it is a UUID of version 1.</summary>
    public static bool TryParse(string? text, out Guid id)
        => Guid.TryParse(text, out id) && IsTimeUuid(id);

    internal static ulong RandomNode()
    {
        Span<byte> b = stackalloc byte[8];
        RandomNumberGenerator.Fill(b);
        // Multicast bit set: a random node id, not a MAC address (RFC 4122 §4.5).
        return (BinaryPrimitives.ReadUInt64LittleEndian(b) & 0xFFFFFFFFFFFFUL) | 0x010000000000UL;
    }
}

/// <summary>
/// Generates strictly increasing v1 ids from the injected clock: the timestamp never repeats or goes
/// back within the process (a burst or a clock step back advances it by one tick), so ids sort by
/// time and by generation order. The clock sequence and node are random per process, so processes
/// sharing a store do not collide.
/// </summary>
public sealed class NotificationIdGenerator
{
    private readonly TimeProvider time;
    private readonly ushort clockSequence;
    private readonly ulong node;
    private readonly Lock gate = new();
    private long last;

    public NotificationIdGenerator(TimeProvider time)
    {
        this.time = time;
        clockSequence = (ushort)RandomNumberGenerator.GetInt32(0, 0x4000);
        node = NotificationId.RandomNode();
    }

    /// <summary>The next id and its timestamp (the store's sort key).</summary>
    public (Guid Id, long Timestamp) Next()
    {
        long ts;
        lock (gate)
        {
            ts = NextTimestampLocked();
        }

        return (NotificationId.Create(ts, clockSequence, node), ts);
    }

    /// <summary>Fills <paramref name="timestamps"/> with consecutive increasing timestamps under one lock; runs <paramref name="then"/> under the same lock.</summary>
    internal void NextBatch(Span<long> timestamps, Action? then = null)
    {
        lock (gate)
        {
            for (var i = 0; i < timestamps.Length; i++)
            {
                timestamps[i] = NextTimestampLocked();
            }

            then?.Invoke();
        }
    }

    public Guid IdOf(long timestamp) => NotificationId.Create(timestamp, clockSequence, node);

    private long NextTimestampLocked()
    {
        var now = NotificationId.FromTime(time.GetUtcNow());
        last = now > last ? now : last + 1;
        return last;
    }
}
