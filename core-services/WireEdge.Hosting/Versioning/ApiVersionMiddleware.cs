using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Versioning;

namespace WireEdge.Hosting.Versioning;

/// <summary>
/// Strips a leading <c>/vN</c> from the path and records N as the request's API version
/// (FACTS.md §3). Unknown or disabled versions and versioned internal paths get 404
/// <c>unsupported-version</c>; unversioned requests are v0.
/// </summary>
public sealed class ApiVersionMiddleware(RequestDelegate next, ApiVersionPolicy policy)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value;
        if (!TrySplit(path, out var version, out var rest))
        {
            return next(context);
        }

        if (version is null || !policy.IsServed(version.Value))
        {
            var p = path ?? string.Empty;
            var end = p.IndexOf('/', 1);
            var shown = end > 0 ? p[1..end] : p[1..];
            return WireErrors.UnsupportedVersion($"Version {shown} is not supported").ExecuteAsync(context);
        }

        if (rest.StartsWith("/i/", StringComparison.Ordinal) || rest == "/i" || rest.StartsWith("/api-internal", StringComparison.Ordinal))
        {
            return WireErrors.UnsupportedVersion("Internal APIs are not under version control").ExecuteAsync(context);
        }

        context.Features.Set(new ApiVersionFeature(version.Value));
        context.Request.Path = new PathString(rest.Length == 0 ? "/" : rest);
        return next(context);
    }

    /// <summary>
    /// Recognises <c>/v&lt;digits&gt;</c> as the first segment. <paramref name="version"/> is null when the
    /// digits overflow (still a version prefix, but never served).
    /// </summary>
    public static bool TrySplit(string? path, out int? version, out string rest)
    {
        version = null;
        rest = string.Empty;
        if (path is null || path.Length < 3 || path[0] != '/' || (path[1] != 'v' && path[1] != 'V'))
        {
            return false;
        }

        var end = path.IndexOf('/', 2);
        var digits = end < 0 ? path.AsSpan(2) : path.AsSpan(2, end - 2);
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        version = int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        rest = end < 0 ? string.Empty : path[end..];
        return true;
    }
}
