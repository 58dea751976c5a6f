using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;
using WireEdge.Hosting.Listeners;
using WireEdge.Hosting.Versioning;

namespace WireEdge.Hosting;

/// <summary>
/// On the public listener: removes every incoming <c>Z-*</c> header (only the edge, after zauth,
/// may set them) and answers 404 for internal paths (<c>/i/...</c>, also under <c>/vN</c>).
/// </summary>
public sealed class PublicGuardMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsInternal())
        {
            return next(context);
        }

        StripZHeaders(context.Request.Headers);
        var path = context.Request.Path.Value ?? "/";
        if (ApiVersionMiddleware.TrySplit(path, out _, out var rest))
        {
            path = rest;
        }

        if (IsInternalPath(path))
        {
            return WireErrors.NotFound("Not found").ExecuteAsync(context);
        }

        return next(context);
    }

    public static bool IsInternalPath(string path)
    {
        var p = path.AsSpan().TrimStart('/');
        return p.Equals("i", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith("i/", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith("api-internal", StringComparison.OrdinalIgnoreCase);
    }

    public static void StripZHeaders(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        List<string>? remove = null;
        foreach (var h in headers)
        {
            if (h.Key.Length > 2 && (h.Key[0] == 'Z' || h.Key[0] == 'z') && h.Key[1] == '-')
            {
                (remove ??= []).Add(h.Key);
            }
        }

        if (remove is not null)
        {
            foreach (var k in remove)
            {
                headers.Remove(k);
            }
        }
    }
}
