namespace WireEdge.Edge.Routing;

/// <summary>
/// The compiled route table: routes bucketed by the first character after the leading slash
/// (order preserved, so the first matching entry of the file wins), literal prefixes compared
/// without a regex, precompiled regexes for the rest. Matching allocates nothing.
/// </summary>
public sealed class RouteTable
{
    private const int Buckets = 128;
    private readonly EdgeRoute[][] buckets;
    private readonly EdgeRoute[] other;

    internal RouteTable(IReadOnlyList<EdgeRoute> routes)
    {
        Routes = routes;
        var lists = new List<EdgeRoute>[Buckets];
        for (var i = 0; i < Buckets; i++)
        {
            lists[i] = [];
        }

        var wild = new List<EdgeRoute>();
        foreach (var r in routes)
        {
            var c = r.Literal.Length > 1 ? r.Literal[1] : '\0';
            if (c is > '\0' and < (char)Buckets)
            {
                if (r.Exact)
                {
                    lists[c].Add(r);
                }
                else
                {
                    lists[char.ToLowerInvariant(c)].Add(r);
                    lists[char.ToUpperInvariant(c)].Add(r);
                }
            }
            else
            {
                foreach (var l in lists)
                {
                    l.Add(r);
                }

                wild.Add(r);
            }
        }

        buckets = [.. lists.Select(l => l.Distinct().OrderBy(r => r.Index).ToArray())];
        other = [.. wild];
    }

    public IReadOnlyList<EdgeRoute> Routes { get; }

    /// <summary>The first route matching <paramref name="path"/> (the raw request path, with any <c>/vN</c> prefix), or null.</summary>
    public EdgeRoute? Match(ReadOnlySpan<char> path)
    {
        var unversioned = path;
        var versioned = false;
        if (TryStripVersion(path, out var rest))
        {
            unversioned = rest;
            versioned = true;
        }

        var c = unversioned.Length > 1 ? unversioned[1] : '\0';
        var candidates = c < Buckets ? buckets[c] : other;
        foreach (var r in candidates)
        {
            if (versioned && !r.Versioned)
            {
                continue;
            }

            if (r.IsMatch(unversioned))
            {
                return r;
            }
        }

        if (versioned)
        {
            // Unversioned routes may still match the raw path (e.g. a literal starting with /v).
            var raw = path.Length > 1 && path[1] < Buckets ? buckets[path[1]] : other;
            foreach (var r in raw)
            {
                if (!r.Versioned && r.IsMatch(path))
                {
                    return r;
                }
            }
        }

        return null;
    }

    /// <summary>Splits <c>/v&lt;digits&gt;/rest</c> into <c>/rest</c> (nginx <c>^(/v[0-9]+)?</c>).</summary>
    internal static bool TryStripVersion(ReadOnlySpan<char> path, out ReadOnlySpan<char> rest)
    {
        rest = default;
        if (path.Length < 3 || path[0] != '/' || (path[1] != 'v' && path[1] != 'V'))
        {
            return false;
        }

        var i = 2;
        while (i < path.Length && char.IsAsciiDigit(path[i]))
        {
            i++;
        }

        if (i == 2 || (i < path.Length && path[i] != '/'))
        {
            return false;
        }

        rest = path[i..];
        return true;
    }
}
