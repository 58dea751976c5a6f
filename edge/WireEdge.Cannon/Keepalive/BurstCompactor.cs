namespace WireEdge.Cannon.Keepalive;

/// <summary>
/// Gives memory back after a connect burst. A burst (thousands of handshakes: tokens, request heads,
/// presence calls) leaves the GC heap full of garbage between long-lived sockets; without further
/// allocation nothing collects it, and the process keeps that memory resident for as long as the
/// sockets stay idle. Once at least <c>Cannon:CompactAfterAccepts</c> sockets were accepted since the
/// last compaction and no socket was accepted for <see cref="QuietMs"/>, one aggressive, compacting
/// full collection runs (a single pause of a few tens of ms for ~20k sockets), at most once per
/// <see cref="MinIntervalMs"/>. Called from the sweeper's loop.
/// </summary>
public sealed class BurstCompactor(int threshold, Action compact)
{
    public const long QuietMs = 2_000;
    public const long MinIntervalMs = 60_000;

    private long acceptedAtLast;
    private long lastCompactMs = long.MinValue / 2;
    private long lastSeenAccepted;
    private long lastChangeMs;

    /// <summary>How many compactions ran.</summary>
    public int Count { get; private set; }

    /// <summary>Observes the total of accepted sockets at <paramref name="nowMs"/>; true when it compacted.</summary>
    public bool Tick(long acceptedTotal, long nowMs)
    {
        if (acceptedTotal != lastSeenAccepted)
        {
            lastSeenAccepted = acceptedTotal;
            lastChangeMs = nowMs;
            return false;
        }

        if (threshold <= 0 || acceptedTotal - acceptedAtLast < threshold || nowMs - lastChangeMs < QuietMs || nowMs - lastCompactMs < MinIntervalMs)
        {
            return false;
        }

        acceptedAtLast = acceptedTotal;
        lastCompactMs = nowMs;
        Count++;
        compact();
        return true;
    }

    /// <summary>The default compaction: a blocking, compacting full GC that also returns free memory to the OS.</summary>
    public static void CompactHeap() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
