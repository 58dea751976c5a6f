using System.Collections.Concurrent;
using System.Text;

namespace WireEdge.Edge.Forwarding;

/// <summary>
/// Interns response header names and the values of stable headers (Content-Type, Cache-Control, ...)
/// decoded from upstream bytes, so a steady stream of responses allocates no header strings.
/// Bounded: once full, new strings are simply not cached.
/// </summary>
internal static class HeaderStrings
{
    private const int MaxEntries = 4096;
    private const int MaxLength = 256;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Cache.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Get(ReadOnlySpan<byte> latin1, bool cacheable)
    {
        if (!cacheable || latin1.Length > MaxLength)
        {
            return Encoding.Latin1.GetString(latin1);
        }

        Span<char> chars = stackalloc char[latin1.Length];
        Encoding.Latin1.GetChars(latin1, chars);
        if (Lookup.TryGetValue(chars, out var s))
        {
            return s;
        }

        s = new string(chars);
        if (Cache.Count < MaxEntries)
        {
            Cache.TryAdd(s, s);
        }

        return s;
    }
}
