using System.Runtime.InteropServices;

namespace WireEdge.Edge.Limits;

/// <summary>
/// nginx <c>limit_req</c> state for one zone: per key the "excess" in thousandths of a request and the
/// time of the last accepted request. A request is accepted (nodelay) when
/// <c>excess - rate*elapsed + 1000 &lt;= burst</c>. Keys are 64-bit hashes; the table holds at most
/// <c>capacity</c> keys (sharded, one lock per shard), evicting drained buckets first, then the oldest.
/// </summary>
public sealed class LeakyBucketTable
{
    private const int ShardCount = 16;
    private readonly Shard[] shards;
    private readonly int shardCapacity;

    public LeakyBucketTable(int capacity)
    {
        shardCapacity = Math.Max(16, capacity / ShardCount);
        shards = new Shard[ShardCount];
        for (var i = 0; i < ShardCount; i++)
        {
            shards[i] = new Shard();
        }
    }

    /// <summary>Number of keys held (all shards).</summary>
    public int Count
    {
        get
        {
            var n = 0;
            foreach (var s in shards)
            {
                lock (s.Gate)
                {
                    n += s.Buckets.Count;
                }
            }

            return n;
        }
    }

    /// <summary>
    /// Accounts one request. <paramref name="rate"/> is requests per second × 1000, <paramref name="burst"/>
    /// requests × 1000. Returns 0 when accepted, else the seconds until a request would be accepted (≥ 1).
    /// </summary>
    public int TryAcquire(ulong key, long nowMs, long rate, long burst)
    {
        var shard = shards[(int)(key >> 60) & (ShardCount - 1)];
        lock (shard.Gate)
        {
            if (!shard.Buckets.ContainsKey(key) && shard.Buckets.Count >= shardCapacity)
            {
                Evict(shard, nowMs, rate);
            }

            ref var b = ref CollectionsMarshal.GetValueRefOrAddDefault(shard.Buckets, key, out var existed);
            if (!existed)
            {
                b.LastMs = nowMs;
                b.Excess = 0;
                return 0;
            }

            var elapsed = Math.Abs(nowMs - b.LastMs);
            var excess = b.Excess - (rate * elapsed / 1000) + 1000;
            if (excess < 0)
            {
                excess = 0;
            }

            if (excess > burst)
            {
                var wait = rate <= 0 ? 1 : (int)Math.Ceiling((excess - burst) / (double)rate);
                return Math.Max(1, wait);
            }

            b.Excess = excess;
            b.LastMs = nowMs;
            return 0;
        }
    }

    private static void Evict(Shard shard, long nowMs, long rate)
    {
        List<ulong>? drained = null;
        var oldestKey = 0UL;
        var oldestMs = long.MaxValue;
        foreach (var (k, b) in shard.Buckets)
        {
            if (rate > 0 && b.Excess - (rate * Math.Abs(nowMs - b.LastMs) / 1000) <= 0)
            {
                (drained ??= []).Add(k);
            }
            else if (b.LastMs < oldestMs)
            {
                oldestMs = b.LastMs;
                oldestKey = k;
            }
        }

        if (drained is not null)
        {
            foreach (var k in drained)
            {
                shard.Buckets.Remove(k);
            }
        }
        else if (oldestMs != long.MaxValue)
        {
            shard.Buckets.Remove(oldestKey);
        }
    }

    private struct Bucket
    {
        public long Excess;
        public long LastMs;
    }

    private sealed class Shard
    {
        public readonly Lock Gate = new();
        public readonly Dictionary<ulong, Bucket> Buckets = [];
    }
}
