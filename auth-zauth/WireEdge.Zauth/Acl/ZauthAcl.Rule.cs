using System.Text.RegularExpressions;

namespace WireEdge.Zauth;

public sealed partial class ZauthAcl
{
    private const string VersionPrefix = "(/v[0-9]+)?";

    /// <summary>
    /// One type's list, compiled. Semantically one anchored alternation <c>^(?:item|item|...)$</c>, as nginz builds it.
    /// For speed, regex items of the form <c>(/v[0-9]+)?/rest</c> (no <c>|</c> in rest) are split off: their rests
    /// form a second alternation matched against the path and, when the path starts with <c>/v&lt;digits&gt;/</c>,
    /// against the path without that prefix. This is equivalent because the optional group, followed by a
    /// literal <c>/</c>, can only match all of a leading <c>/v&lt;digits&gt;</c>. With the shared prefix gone, .NET's
    /// regex compiler can factor the alternatives (the default ACL matches about 10x faster).
    /// </summary>
    private sealed class Rule(bool whitelist, Regex? plain, Regex? versioned)
    {
        public bool Whitelist { get; } = whitelist;

        public static Rule Create(bool whitelist, IReadOnlyList<AclItem> items)
        {
            var plain = new List<string>();
            var versioned = new List<string>();
            foreach (var item in items)
            {
                if (!item.IsRegex)
                {
                    plain.Add(GlobToRegex(item.Text));
                }
                else if (item.Text.StartsWith(VersionPrefix + "/", StringComparison.Ordinal) && !item.Text.Contains('|', StringComparison.Ordinal))
                {
                    versioned.Add(item.Text[VersionPrefix.Length..]);
                }
                else
                {
                    plain.Add(item.Text);
                }
            }

            return new Rule(whitelist, Compile(plain), Compile(versioned));
        }

        public bool Matches(ReadOnlySpan<char> path)
        {
            if (plain is not null && plain.IsMatch(path))
            {
                return true;
            }

            if (versioned is null)
            {
                return false;
            }

            if (versioned.IsMatch(path))
            {
                return true;
            }

            var rest = StripVersion(path);
            return rest.Length != path.Length && versioned.IsMatch(rest);
        }

        /// <summary>The path without a leading <c>/v&lt;digits&gt;</c> that is followed by <c>/</c>; else the path.</summary>
        private static ReadOnlySpan<char> StripVersion(ReadOnlySpan<char> path)
        {
            if (path.Length < 4 || path[0] != '/' || path[1] != 'v' || !char.IsAsciiDigit(path[2]))
            {
                return path;
            }

            var i = 3;
            while (i < path.Length && char.IsAsciiDigit(path[i]))
            {
                i++;
            }

            return i < path.Length && path[i] == '/' ? path[i..] : path;
        }

        private static Regex? Compile(List<string> alternatives)
        {
            if (alternatives.Count == 0)
            {
                return null;
            }

            var pattern = "^(?:" + string.Join('|', alternatives) + ")$";
            try
            {
                return new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"invalid ACL regex: {e.Message}", e);
            }
        }
    }
}
