namespace WireEdge.Edge.Auth;

/// <summary><c>Z-Host</c> like nginx <c>$host</c>: the request's host name without the port, lower case.</summary>
internal static class EdgeHost
{
    /// <summary>The host name part of a <c>Host</c> value (<c>[v6]</c> kept in brackets), not yet lower-cased.</summary>
    public static ReadOnlySpan<char> Name(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return default;
        }

        var s = host.AsSpan();
        if (s[0] == '[')
        {
            var close = s.IndexOf(']');
            return close < 0 ? s : s[..(close + 1)];
        }

        var colon = s.IndexOf(':');
        return colon < 0 ? s : s[..colon];
    }

    /// <summary>The <c>Z-Host</c> value as a string (the original string when it is already a bare lower-case name).</summary>
    public static string? Value(string? host)
    {
        var name = Name(host);
        if (name.IsEmpty)
        {
            return null;
        }

        var lower = !name.ContainsAnyInRange('A', 'Z');
        return lower && name.Length == host!.Length ? host : lower ? name.ToString() : name.ToString().ToLowerInvariant();
    }
}
