using System.Text.RegularExpressions;
using WireEdge.Edge.Limits;
using WireEdge.Edge.Observability;

namespace WireEdge.Edge.Routing;

/// <summary>What the edge does with a matched request.</summary>
public enum RouteAction
{
    Proxy,
    Status,
    Disabled,
}

/// <summary>A compiled route (immutable; shared by every request that matches it).</summary>
public sealed class EdgeRoute
{
    internal EdgeRoute(int index, RouteDefinition d, string path, Regex? regex, string literal, bool literalOnly, bool endAnchored, RouteAction action, long? maxBody, RateZone[] zones, RouteStats stats)
    {
        Index = index;
        Name = string.IsNullOrWhiteSpace(d.Name) ? path : d.Name;
        Pattern = path;
        Regex = regex;
        Literal = literal;
        LiteralOnly = literalOnly;
        EndAnchored = endAnchored;
        Exact = d.Exact;
        Versioned = d.Versioned;
        Action = action;
        Upstream = d.Upstream?.Trim().ToLowerInvariant() ?? string.Empty;
        Zauth = d.Zauth && action == RouteAction.Proxy;
        Unlimited = d.Unlimited;
        Zones = zones;
        MaxBody = maxBody;
        Buffering = d.Buffering;
        WebSocket = d.WebSocket;
        AllowCredentials = d.AllowCredentials;
        OAuthScope = Zauth && !string.IsNullOrWhiteSpace(d.OAuthScope) ? d.OAuthScope.Trim() : null;
        Stats = stats;
    }

    public int Index { get; }

    public string Name { get; }

    public string Pattern { get; }

    public bool Exact { get; }

    public bool Versioned { get; }

    public RouteAction Action { get; }

    public string Upstream { get; }

    public bool Zauth { get; }

    public bool Unlimited { get; }

    /// <summary>Request-rate zones applied, in order.</summary>
    public RateZone[] Zones { get; }

    /// <summary>Body limit in bytes; null = unlimited.</summary>
    public long? MaxBody { get; }

    public bool Buffering { get; }

    public bool WebSocket { get; }

    public bool AllowCredentials { get; }

    /// <summary>The OAuth scope of a zauth route (OAuth fallback), or null.</summary>
    public string? OAuthScope { get; }

    internal RouteStats Stats { get; }

    internal Regex? Regex { get; }

    internal string Literal { get; }

    /// <summary>A literal every regex match contains (checked before the regex), or null.</summary>
    internal string? Hint { get; init; }

    internal bool LiteralOnly { get; }

    internal bool EndAnchored { get; }

    /// <summary>Matches the path (already without a version prefix for versioned routes).</summary>
    internal bool IsMatch(ReadOnlySpan<char> path)
    {
        if (Exact)
        {
            return path.SequenceEqual(Literal);
        }

        if (!path.StartsWith(Literal, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (LiteralOnly)
        {
            return !EndAnchored || path.Length == Literal.Length;
        }

        if (Hint is not null && path[Literal.Length..].IndexOf(Hint, StringComparison.OrdinalIgnoreCase) < 0)
        {
            return false;
        }

        try
        {
            return Regex!.IsMatch(path);
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // a pathological path against an operator's regex: no match rather than a 500
        }
    }

    public override string ToString() => Name;
}
