using System.Buffers;
using System.Text.RegularExpressions;

namespace WireEdge.Zauth;

/// <summary>
/// Which paths each token type may call, with the semantics of nginz's <c>zauth.acl</c>: per type a
/// whitelist or blacklist of items, <c>(path "/glob")</c> (<c>*</c> = one segment, <c>**</c> = anything) or
/// <c>(regex "...")</c>, all compiled into one anchored regex per type and matched against the request path
/// including its optional <c>/vN</c> prefix, with repeated slashes collapsed and trailing slashes removed.
/// A type not listed is denied everywhere. Matching allocates nothing. Thread-safe.
/// </summary>
public sealed partial class ZauthAcl
{
    private const int StackPathLength = 512;

    private readonly Rule?[] _rules;

    private ZauthAcl(Rule?[] rules) => _rules = rules;

    /// <summary>The default ACL of a Wire deployment (FACTS.md §1.5, nginz's <c>zauth.acl</c>).</summary>
    public static ZauthAcl Default { get; } = Parse(DefaultText);

    /// <summary>Parses an ACL in nginz's s-expression format.</summary>
    /// <exception cref="FormatException">The text is not a valid ACL.</exception>
    public static ZauthAcl Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new Rule?[ZauthTokenTypes.Count];
        foreach (var (type, whitelist, items) in ZauthAclReader.Read(text))
        {
            if (!ZauthTokenTypes.TryParseLetter(type, out var t))
            {
                continue; // a type no token can carry
            }

            rules[(int)t] = Rule.Create(whitelist, items);
        }

        return new ZauthAcl(rules);
    }

    /// <summary>True if a token of <paramref name="type"/> may call <paramref name="path"/> (no query string).</summary>
    public bool IsAllowed(ZauthTokenType type, ReadOnlySpan<char> path)
    {
        var index = (int)type;
        if ((uint)index >= (uint)_rules.Length || _rules[index] is not { } rule)
        {
            return false;
        }

        if (path.Contains('\n'))
        {
            return false; // .NET's '$' also matches before a final newline; such paths are never legitimate
        }

        char[]? rented = null;
        var buffer = path.Length <= StackPathLength
            ? stackalloc char[StackPathLength]
            : (rented = ArrayPool<char>.Shared.Rent(path.Length));
        try
        {
            var listed = rule.Matches(Normalise(path, buffer));
            return rule.Whitelist ? listed : !listed;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Collapses runs of <c>/</c> and removes trailing <c>/</c>.</summary>
    internal static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> path, Span<char> buffer)
    {
        var n = 0;
        var previousSlash = false;
        foreach (var ch in path)
        {
            if (ch == '/')
            {
                if (previousSlash)
                {
                    continue;
                }

                previousSlash = true;
            }
            else
            {
                previousSlash = false;
            }

            buffer[n++] = ch;
        }

        while (n > 0 && buffer[n - 1] == '/')
        {
            n--;
        }

        return buffer[..n];
    }

    private static string GlobToRegex(string glob)
    {
        Span<char> buffer = glob.Length <= StackPathLength ? stackalloc char[glob.Length] : new char[glob.Length];
        var normalised = Normalise(glob, buffer);
        var sb = new System.Text.StringBuilder("(?:");
        for (var i = 0; i < normalised.Length; i++)
        {
            if (normalised[i] == '*')
            {
                if (i + 1 < normalised.Length && normalised[i + 1] == '*')
                {
                    sb.Append(".*");
                    i++;
                }
                else
                {
                    sb.Append("[^/]+");
                }
            }
            else
            {
                sb.Append(Regex.Escape(normalised[i].ToString()));
            }
        }

        return sb.Append(')').ToString();
    }


    internal readonly record struct AclItem(bool IsRegex, string Text);
}
