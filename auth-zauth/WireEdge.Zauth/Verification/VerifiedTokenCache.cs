namespace WireEdge.Zauth;

/// <summary>
/// A bounded, lock-free cache of verified tokens: 4-way set-associative slots keyed by a hash of the
/// signature text, each holding the exact token text and its claims. A hit requires the full text to be
/// equal (span comparison), so only the very token that verified is ever accepted. Lookups allocate nothing.
/// </summary>
internal sealed class VerifiedTokenCache
{
    private const int Ways = 4;
    private const int HashedChars = 32;

    private readonly Entry?[] _slots;
    private readonly int _setMask;

    public VerifiedTokenCache(int capacity)
    {
        var sets = (int)Math.Max(1, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(Ways, capacity)) / Ways);
        _slots = new Entry?[sets * Ways];
        _setMask = sets - 1;
    }

    public int Capacity => _slots.Length;

    /// <summary>Number of occupied slots (for tests and metrics; O(capacity)).</summary>
    public int Count => _slots.Count(s => s is not null);

    public static int Hash(ReadOnlySpan<char> token) => string.GetHashCode(token[..Math.Min(token.Length, HashedChars)]);

    public ZauthToken? Find(ReadOnlySpan<char> token, int hash)
    {
        var set = (hash & _setMask) * Ways;
        for (var i = 0; i < Ways; i++)
        {
            var entry = Volatile.Read(ref _slots[set + i]);
            if (entry is not null && entry.Hash == hash && token.SequenceEqual(entry.Text))
            {
                return entry.Claims;
            }
        }

        return null;
    }

    public void Add(string token, int hash, ZauthToken claims)
    {
        var set = (hash & _setMask) * Ways;
        var victim = set + (int)((uint)hash >> 28) % Ways;
        for (var i = 0; i < Ways; i++)
        {
            var entry = Volatile.Read(ref _slots[set + i]);
            if (entry is null)
            {
                victim = set + i;
                break;
            }

            if (entry.Hash == hash && entry.Text == token)
            {
                return;
            }
        }

        Volatile.Write(ref _slots[victim], new Entry(token, hash, claims));
    }

    public void Remove(ReadOnlySpan<char> token, int hash)
    {
        var set = (hash & _setMask) * Ways;
        for (var i = 0; i < Ways; i++)
        {
            var entry = Volatile.Read(ref _slots[set + i]);
            if (entry is not null && entry.Hash == hash && token.SequenceEqual(entry.Text))
            {
                Interlocked.CompareExchange(ref _slots[set + i], null, entry);
            }
        }
    }

    private sealed record Entry(string Text, int Hash, ZauthToken Claims);
}
