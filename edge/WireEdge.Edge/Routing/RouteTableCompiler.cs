using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WireEdge.Edge.Limits;
using WireEdge.Edge.Observability;

namespace WireEdge.Edge.Routing;

/// <summary>Validates a route file and compiles it into a <see cref="RouteTable"/>; every problem names its entry.</summary>
public static class RouteTableCompiler
{
    /// <summary>Upstream names a route may use.</summary>
    public static readonly IReadOnlySet<string> KnownUpstreams = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "brig", "galley", "gundeck", "cannon", "cargohold", "spar",
    };

    private const string Meta = ".^$*+?()[]{}|\\";

    /// <summary>Parses JSON text; on failure <paramref name="errors"/> says why.</summary>
    public static RouteTable? Compile(string json, string source, IReadOnlyDictionary<string, RateZone> zones, EdgeMetrics metrics, out List<string> errors)
    {
        errors = [];
        RouteFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, EdgeJsonContext.Default.RouteFile);
        }
        catch (JsonException e)
        {
            errors.Add($"{source}: invalid JSON: {e.Message}");
            return null;
        }

        if (file is null || file.Routes.Count == 0)
        {
            errors.Add($"{source}: no routes");
            return null;
        }

        return Compile(file, source, zones, metrics, out errors);
    }

    public static RouteTable? Compile(RouteFile file, string source, IReadOnlyDictionary<string, RateZone> zones, EdgeMetrics metrics, out List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(metrics);
        errors = [];
        var routes = new List<EdgeRoute>(file.Routes.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < file.Routes.Count; i++)
        {
            var d = file.Routes[i];
            var where = $"{source}: route #{i + 1} ({d.Name ?? d.Path ?? "?"})";
            var route = CompileOne(i, d, where, zones, metrics, errors);
            if (route is null)
            {
                continue;
            }

            var identity = (route.Exact ? "=" : "~") + (route.Versioned ? "v" : "-") + route.Pattern;
            if (!seen.Add(identity))
            {
                errors.Add($"{where}: duplicate path '{route.Pattern}'");
                continue;
            }

            if (!seen.Add("name:" + route.Name))
            {
                errors.Add($"{where}: duplicate name '{route.Name}'");
                continue;
            }

            routes.Add(route);
        }

        return errors.Count == 0 ? new RouteTable(routes) : null;
    }

    private static EdgeRoute? CompileOne(int index, RouteDefinition d, string where, IReadOnlyDictionary<string, RateZone> zones, EdgeMetrics metrics, List<string> errors)
    {
        var start = errors.Count;
        var path = d.Path?.Trim() ?? string.Empty;
        if (path.Length < 1 || path[0] != '/')
        {
            errors.Add($"{where}: path must start with '/'");
            return null;
        }

        var action = (d.Action ?? "proxy").Trim().ToLowerInvariant() switch
        {
            "proxy" => RouteAction.Proxy,
            "status" => RouteAction.Status,
            "disabled" => RouteAction.Disabled,
            _ => (RouteAction)(-1),
        };
        if ((int)action < 0)
        {
            errors.Add($"{where}: unknown action '{d.Action}' (expected proxy, status or disabled)");
        }

        if (action == RouteAction.Proxy && (string.IsNullOrWhiteSpace(d.Upstream) || !KnownUpstreams.Contains(d.Upstream.Trim())))
        {
            errors.Add($"{where}: unknown upstream '{d.Upstream}' (expected one of {string.Join(", ", KnownUpstreams.Order(StringComparer.Ordinal))})");
        }

        long? maxBody = 512 * 1024;
        if (d.MaxBody is not null)
        {
            if (TryParseSize(d.MaxBody, out var size))
            {
                maxBody = size == 0 ? null : size;
            }
            else
            {
                errors.Add($"{where}: max_body '{d.MaxBody}' is not a size like 512k, 40m or 0");
            }
        }

        var literalEnd = path.AsSpan(1).IndexOfAny(Meta) is var m && m < 0 ? path.Length : m + 1;
        var literal = d.Exact ? path : path[..literalEnd];
        var rest = d.Exact ? string.Empty : path[literalEnd..];
        var literalOnly = rest.Length == 0 || rest == "$";
        Regex? regex = null;
        if (!d.Exact && !literalOnly)
        {
            try
            {
                regex = new Regex("^" + path, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(2));
            }
            catch (ArgumentException e)
            {
                errors.Add($"{where}: invalid regex '{path}': {e.Message}");
            }
        }

        var zoneList = new List<RateZone>();
        if (action == RouteAction.Proxy && !d.Unlimited)
        {
            var name = d.Zauth ? "reqs_per_user" : "reqs_per_addr";
            if (zones.TryGetValue(name, out var z))
            {
                zoneList.Add(z);
            }
        }

        foreach (var zn in d.Zones ?? [])
        {
            if (zones.TryGetValue(zn, out var z))
            {
                if (!zoneList.Contains(z))
                {
                    zoneList.Add(z);
                }
            }
            else
            {
                errors.Add($"{where}: unknown rate-limit zone '{zn}'");
            }
        }

        if (d.OAuthScope is { } scope && (!d.Zauth || action != RouteAction.Proxy || scope.Trim().Length == 0 || scope.Trim().Any(c => char.IsWhiteSpace(c) || c == ':')))
        {
            errors.Add($"{where}: oauth_scope '{scope}' needs a zauth proxy route and one word without ':' or spaces");
        }

        if (!d.Zauth && zoneList.Any(z => z.Key is RateKey.User or RateKey.UserUri))
        {
            errors.Add($"{where}: per-user rate-limit zones need a zauth route");
        }

        if (errors.Count > start)
        {
            return null;
        }

        var name2 = string.IsNullOrWhiteSpace(d.Name) ? path : d.Name;
        return new EdgeRoute(index, d, path, regex, literal, literalOnly, rest == "$", action, maxBody, [.. zoneList], metrics.For(name2))
        {
            Hint = regex is null ? null : RequiredLiteral(rest),
        };
    }

    /// <summary>
    /// The longest literal run (≥ 3 chars) every match of <paramref name="rest"/> must contain, used to skip
    /// the regex cheaply; null when the pattern has alternations or optional parts, or no such run.
    /// </summary>
    internal static string? RequiredLiteral(string rest)
    {
        if (rest.Contains('|', StringComparison.Ordinal) || rest.Contains('?', StringComparison.Ordinal))
        {
            return null;
        }

        string? best = null;
        var start = 0;
        for (var i = 0; i <= rest.Length; i++)
        {
            if (i < rest.Length && !Meta.Contains(rest[i], StringComparison.Ordinal))
            {
                continue;
            }

            var end = i;
            if (i < rest.Length && rest[i] is '*' or '+' or '{')
            {
                end--; // a quantifier applies to the char before it
            }

            var depthOk = Depth(rest, start) == 0;
            if (depthOk && end - start >= 3 && (best is null || end - start > best.Length))
            {
                best = rest[start..end];
            }

            start = i + 1;
            if (i < rest.Length && rest[i] == '\\')
            {
                start = i + 2;
                i++;
            }
        }

        return best;
    }

    /// <summary>Group or class nesting depth at <paramref name="index"/> (literal runs inside groups are skipped).</summary>
    private static int Depth(string s, int index)
    {
        var depth = 0;
        for (var i = 0; i < index && i < s.Length; i++)
        {
            if (s[i] is '(' or '[')
            {
                depth++;
            }
            else if (s[i] is ')' or ']')
            {
                depth--;
            }
        }

        return depth;
    }

    /// <summary>nginx sizes: <c>512k</c>, <c>40m</c>, <c>1g</c>, plain bytes; 0 = unlimited.</summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var t = text.Trim().ToLowerInvariant();
        if (t.Length == 0)
        {
            return false;
        }

        long mult = t[^1] switch { 'k' => 1024, 'm' => 1024 * 1024, 'g' => 1024 * 1024 * 1024, _ => 1 };
        var digits = mult == 1 ? t : t[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > long.MaxValue / mult)
        {
            return false;
        }

        bytes = n * mult;
        return true;
    }
}
