using Microsoft.AspNetCore.Http;

namespace WireEdge.Contracts.Versioning;

/// <summary>The API version a request was made under (0 for unversioned requests).</summary>
public sealed record ApiVersionFeature(int Version);

public static class ApiVersionHttpContextExtensions
{
    /// <summary>The negotiated API version of this request; unversioned requests are v0.</summary>
    public static int ApiVersion(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<ApiVersionFeature>()?.Version ?? 0;
    }
}
