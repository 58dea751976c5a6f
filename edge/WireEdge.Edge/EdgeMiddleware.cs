using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Identity;
using WireEdge.Edge.Auth;
using WireEdge.Edge.Cors;
using WireEdge.Edge.Forwarding;
using WireEdge.Edge.Limits;
using WireEdge.Edge.Routing;
using WireEdge.Hosting.Listeners;
using Yarp.ReverseProxy.Forwarder;

namespace WireEdge.Edge;

/// <summary>
/// The edge on the public listener: route table → CORS → body limit → zauth (token, ACL, Z-* headers)
/// → rate limits → in-process service (next middleware) or upstream (lean HTTP/1.1 forwarder, YARP for
/// websockets and chunked bodies). Internal-listener requests pass straight through.
/// </summary>
public sealed partial class EdgeMiddleware(
    RequestDelegate next,
    RouteTableProvider routes,
    EdgeAuthenticator authenticator,
    RateLimiter limiter,
    CorsPolicy cors,
    Upstreams upstreams,
    Http1Forwarder lean,
    IHttpForwarder yarp,
    YarpForwarding yarpConfig,
    IOptions<EdgeOptions> options,
    ILogger<EdgeMiddleware> logger) : Http1Forwarder.IForwardOwner
{
    private readonly bool leanEnabled = options.Value.LeanForwarding;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsInternal())
        {
            return next(context);
        }

        var start = Stopwatch.GetTimestamp();
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var ua = request.Headers.UserAgent;
        if (ua.Count > 0 && ua.ToString().Contains("Franz", StringComparison.OrdinalIgnoreCase))
        {
            return EdgeErrors.Write(context, EdgeErrors.Forbidden);
        }

        var route = routes.Current.Match(path);
        if (route is null)
        {
            cors.Apply(context, null);
            return EdgeErrors.Write(context, EdgeErrors.NoRoute);
        }

        if (HttpMethods.IsOptions(request.Method) && route.Action == RouteAction.Proxy)
        {
            route.Stats.Record(StatusCodes.Status204NoContent, start);
            return cors.PreflightAsync(context, route);
        }

        cors.Apply(context, route);
        switch (route.Action)
        {
            case RouteAction.Status:
                context.Response.StatusCode = StatusCodes.Status200OK;
                route.Stats.Record(StatusCodes.Status200OK, start);
                return Task.CompletedTask;
            case RouteAction.Disabled:
                route.Stats.Record(StatusCodes.Status404NotFound, start);
                return EdgeErrors.Write(context, EdgeErrors.NotFound);
        }

        if (route.MaxBody is { } max && request.ContentLength > max)
        {
            route.Stats.Record(StatusCodes.Status413PayloadTooLarge, start);
            return EdgeErrors.Write(context, EdgeErrors.TooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = route.MaxBody;
        }

        EdgeIdentity? identity = null;
        if (route.Zauth && authenticator.Authenticate(request, route, path, out identity) is { } denied)
        {
            route.Stats.Record(denied.Code, start);
            return EdgeErrors.Write(context, denied);
        }

        var connKey = 0UL;
        if (limiter.Enabled)
        {
            var address = context.Connection.RemoteIpAddress;
            if (!limiter.IsExempt(address))
            {
                var wait = limiter.CheckRequest(route, address, identity?.RateUser ?? Guid.Empty, path);
                if (wait > 0)
                {
                    return Throttle(context, route, wait, start);
                }

                if ((route.Zauth || !route.Unlimited) && !limiter.TryEnterConnection(route.Zauth, address, identity?.RateUser ?? Guid.Empty, out connKey))
                {
                    return Throttle(context, route, 1, start);
                }
            }
        }

        return DispatchAsync(context, route, identity, start, connKey);
    }

    private Task Throttle(HttpContext context, EdgeRoute route, int wait, long start)
    {
        route.Stats.RecordThrottled();
        route.Stats.Record(limiter.Status, start);
        context.Response.Headers.RetryAfter = EdgeErrors.RetryAfter(wait);
        return EdgeErrors.Write(context, EdgeErrors.Throttled(limiter.Status));
    }

    private Task DispatchAsync(HttpContext context, EdgeRoute route, EdgeIdentity? identity, long start, ulong connKey)
    {
        if (upstreams.IsLocal(route.Upstream))
        {
            return LocalAsync(context, route, identity, start, connKey);
        }

        var cluster = upstreams.Cluster(route.Upstream);
        if (cluster is null)
        {
            Finish(context, route, start, connKey);
            return EdgeErrors.Write(context, EdgeErrors.NoRoute);
        }

        var destination = cluster.Pick();
        destination.Enter();
        return leanEnabled && !route.WebSocket && Http1Forwarder.CanForward(context, destination)
            ? lean.ForwardAsync(context, cluster, destination, identity, route, this, start, connKey)
            : ViaYarpAsync(context, route, identity, destination, start, connKey);
    }

    private async Task LocalAsync(HttpContext context, EdgeRoute route, EdgeIdentity? identity, long start, ulong connKey)
    {
        try
        {
            var headers = context.Request.Headers;
            if (identity is not null)
            {
                identity.Apply(headers);
                headers.Remove(HeaderNames.Authorization);
            }

            SetHost(context.Request);
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            Finish(context, route, start, connKey);
        }
    }

    private async Task ViaYarpAsync(HttpContext context, EdgeRoute route, EdgeIdentity? identity, Destination destination, long start, ulong connKey)
    {
        try
        {
            await YarpAsync(context, route, identity, destination).ConfigureAwait(false);
        }
        finally
        {
            destination.Exit();
            Finish(context, route, start, connKey);
        }
    }

    Task Http1Forwarder.IForwardOwner.FallbackAsync(HttpContext context, EdgeRoute route, EdgeIdentity? identity, Destination destination) =>
        YarpAsync(context, route, identity, destination);

    void Http1Forwarder.IForwardOwner.Failed(HttpContext context, EdgeRoute route, Destination destination, ForwardResult result) =>
        LogForwardFailed(logger, route.Name, destination.Prefix, result.ToString());

    void Http1Forwarder.IForwardOwner.Finish(HttpContext context, EdgeRoute route, long start, ulong connKey, Destination destination)
    {
        destination.Exit();
        Finish(context, route, start, connKey);
    }

    private async Task YarpAsync(HttpContext context, EdgeRoute route, EdgeIdentity? identity, Destination destination)
    {
        if (identity is not null)
        {
            identity.Apply(context.Request.Headers);
        }

        if (route.Zauth)
        {
            context.Request.Headers.Remove(HeaderNames.Authorization);
        }

        SetHost(context.Request);

        var error = await yarp.SendAsync(context, destination.Prefix, yarpConfig.Client, route.WebSocket ? yarpConfig.WebSocket : yarpConfig.Request, HttpTransformer.Default).ConfigureAwait(false);
        if (error == ForwarderError.None)
        {
            return;
        }

        if (error is ForwarderError.Request or ForwarderError.RequestTimedOut)
        {
            destination.MarkDown();
        }

        LogForwardFailed(logger, route.Name, destination.Prefix, error.ToString());
        if (!context.Response.HasStarted)
        {
            context.Response.Headers.Clear();
            await EdgeErrors.Write(context, error == ForwarderError.RequestTimedOut ? EdgeErrors.GatewayTimeout : EdgeErrors.BadGateway).ConfigureAwait(false);
        }
    }

    /// <summary><c>Z-Host</c>: the host the client asked for (nginx <c>$host</c>: no port, lower case).</summary>
    private static void SetHost(HttpRequest request)
    {
        if (EdgeHost.Value(request.Host.Value) is { } host)
        {
            request.Headers[ZHeaders.Host] = host;
        }
    }

    private void Finish(HttpContext context, EdgeRoute route, long start, ulong connKey)
    {
        route.Stats.Record(context.Response.StatusCode, start);
        if (connKey != 0)
        {
            limiter.ExitConnection(route.Zauth, connKey);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "edge: forwarding route {Route} to {Destination} failed: {Error}")]
    private static partial void LogForwardFailed(ILogger logger, string route, string destination, string error);
}

/// <summary>The Wire error bodies the edge answers with (preallocated).</summary>
internal static class EdgeErrors
{
    public static readonly WireError NoRoute = new(404, "no-endpoint", "Not found");
    public static readonly WireError NotFound = new(404, "not-found", "Not found");
    public static readonly WireError Forbidden = new(403, "access-denied", "Forbidden");
    public static readonly WireError AccessDenied = new(403, "access-denied", "Access denied");
    public static readonly WireError InsufficientScope = new(403, "access-denied", "Insufficient OAuth scope");
    public static readonly WireError MissingToken = new(401, "missing-auth", "Missing access token");
    public static readonly WireError InvalidToken = new(401, "invalid-credentials", "Invalid token");
    public static readonly WireError Expired = new(401, "invalid-credentials", "Token expired");
    public static readonly WireError TooLarge = new(413, "client-error", "Request body too large");
    public static readonly WireError BadGateway = new(502, "bad-gateway", "Upstream unavailable");
    public static readonly WireError GatewayTimeout = new(504, "gateway-timeout", "Upstream timed out");
    private static readonly WireError Throttled420 = new(420, "client-error", "Too many requests");
    private static readonly string[] RetryAfterValues = [.. Enumerable.Range(0, 121).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static WireError Throttled(int status) => status == 420 ? Throttled420 : new WireError(status, "client-error", "Too many requests");

    public static string RetryAfter(int seconds) => seconds < RetryAfterValues.Length ? RetryAfterValues[seconds] : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Task Write(HttpContext context, WireError error) => WireErrorResult.WriteAsync(context.Response, error);
}
