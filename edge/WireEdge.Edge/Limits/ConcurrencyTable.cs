using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace WireEdge.Edge.Limits;

/// <summary>nginx <c>limit_conn</c>: concurrent requests per key, bounded by the number of requests in flight.</summary>
public sealed class ConcurrencyTable
{
    private const int ShardCount = 16;
    private readonly Shard[] shards;

    public ConcurrencyTable()
    {
        shards = new Shard[ShardCount];
        for (var i = 0; i < ShardCount; i++)
        {
            shards[i] = new Shard();
        }
    }

    /// <summary>Enters one request for <paramref name="key"/>; false (nothing counted) when <paramref name="limit"/> are already in flight.</summary>
    public bool TryEnter(ulong key, int limit)
    {
        var shard = shards[(int)(key >> 60) & (ShardCount - 1)];
        lock (shard.Gate)
        {
            ref var n = ref CollectionsMarshal.GetValueRefOrAddDefault(shard.Counts, key, out _);
            if (n >= limit)
            {
                if (n == 0)
                {
                    shard.Counts.Remove(key);
                }

                return false;
            }

            n++;
            return true;
        }
    }

    public void Exit(ulong key)
    {
        var shard = shards[(int)(key >> 60) & (ShardCount - 1)];
        lock (shard.Gate)
        {
            ref var n = ref CollectionsMarshal.GetValueRefOrNullRef(shard.Counts, key);
            if (Unsafe.IsNullRef(ref n))
            {
                return;
            }

            if (--n <= 0)
            {
                shard.Counts.Remove(key);
            }
        }
    }

    private sealed class Shard
    {
        public readonly Lock Gate = new();
        public readonly Dictionary<ulong, int> Counts = [];
    }
}
