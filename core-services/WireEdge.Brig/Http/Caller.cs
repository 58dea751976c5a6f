using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Identity;

namespace WireEdge.Brig.Http;

/// <summary>The authenticated caller of a brig endpoint (Z-* headers set by the edge).</summary>
internal static class Caller
{
    /// <summary>The caller, or a 401 when the request carries no trusted identity.</summary>
    public static bool TryGet(HttpContext context, out ZIdentity identity, out IResult error)
    {
        var id = context.ZIdentity();
        if (id is null)
        {
            identity = null!;
            error = WireErrors.Unauthorized("Missing access token", "missing-auth");
            return false;
        }

        identity = id;
        error = null!;
        return true;
    }
}
