using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using WireEdge.Edge.Routing;
using WireEdge.Hosting.Options;

namespace WireEdge.Edge.Cors;

/// <summary>
/// nginz CORS: <c>Access-Control-Allow-Origin</c> echoes the <c>Origin</c> only for
/// <c>https://{webapp,teams,account}.&lt;domain&gt;</c> and configured extras; credentials only on
/// <c>allow_credentials</c> routes; the expose list and HSTS on every response; <c>OPTIONS</c> → 204.
/// </summary>
public sealed class CorsPolicy
{
    internal static readonly StringValues ExposeHeaders = "Request-Id, Location, Replay-Nonce";
    internal static readonly StringValues Hsts = "max-age=31536000; preload";
    internal static readonly StringValues AllowMethods = "GET, POST, PUT, DELETE, OPTIONS";
    internal static readonly StringValues True = "true";
    internal const string FixedAllowHeaders = "Accept, Authorization, Content-Type, Content-Encoding, Content-MD5, Asset-Token, Request-Id";

    private readonly HashSet<string> origins;

    public CorsPolicy(IOptions<EdgeOptions> edge, IOptions<WireOptions> wire)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(wire);
        var domain = string.IsNullOrWhiteSpace(edge.Value.ExternalDomain) ? wire.Value.Domain : edge.Value.ExternalDomain.Trim();
        origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            $"https://webapp.{domain}",
            $"https://teams.{domain}",
            $"https://account.{domain}",
        };
        foreach (var o in edge.Value.CorsOrigins)
        {
            origins.Add(o.Trim().TrimEnd('/'));
        }
    }

    public bool IsAllowed(string? origin) => !string.IsNullOrEmpty(origin) && origins.Contains(origin);

    /// <summary>Adds the CORS headers of a normal response (before it starts).</summary>
    public void Apply(HttpContext context, EdgeRoute? route)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        var origin = context.Request.Headers.Origin;
        if (origin.Count == 1 && IsAllowed(origin[0]))
        {
            headers.AccessControlAllowOrigin = origin;
            headers.Vary = HeaderNames.Origin;
            if (route is { AllowCredentials: true })
            {
                headers.AccessControlAllowCredentials = True;
            }
        }

        headers.AccessControlExposeHeaders = ExposeHeaders;
        headers.StrictTransportSecurity = Hsts;
    }

    /// <summary>Answers an <c>OPTIONS</c> preflight with 204.</summary>
    public Task PreflightAsync(HttpContext context, EdgeRoute route)
    {
        ArgumentNullException.ThrowIfNull(context);
        Apply(context, route);
        var headers = context.Response.Headers;
        headers.AccessControlAllowMethods = AllowMethods;
        var requested = context.Request.Headers.AccessControlRequestHeaders.ToString();
        headers.AccessControlAllowHeaders = string.IsNullOrWhiteSpace(requested) ? FixedAllowHeaders : requested + ", " + FixedAllowHeaders;
        headers.AccessControlMaxAge = "1728000";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
