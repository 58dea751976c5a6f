using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Ids;

namespace WireEdge.Contracts.Identity;

/// <summary>The caller as established by the edge's zauth check and passed in <c>Z-*</c> headers.</summary>
/// <param name="User">Z-User.</param>
/// <param name="Client">Z-Client, when the access token is bound to a client.</param>
/// <param name="Connection">Z-Connection (the access token's <c>c</c>), absent for non-access tokens.</param>
/// <param name="Type">Z-Type: access, user, bot, provider, ...</param>
public sealed record ZIdentity(Guid User, ClientId? Client, string? Connection, string Type)
{
    /// <summary>Reads the identity from trusted Z-* headers; null when Z-User is absent or malformed.</summary>
    public static ZIdentity? FromHeaders(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!Guid.TryParse(headers[ZHeaders.User].ToString(), out var user))
        {
            return null;
        }

        ClientId? client = ClientId.TryParse(headers[ZHeaders.Client].ToString(), out var c) ? c : null;
        var conn = headers[ZHeaders.Connection].ToString();
        var type = headers[ZHeaders.Type].ToString();
        return new ZIdentity(user, client, string.IsNullOrEmpty(conn) ? null : conn, string.IsNullOrEmpty(type) ? "access" : type);
    }
}

public static class ZIdentityHttpContextExtensions
{
    /// <summary>The caller's identity from the Z-* headers set by the edge, or null.</summary>
    public static ZIdentity? ZIdentity(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(typeof(ZIdentity), out var cached) && cached is ZIdentity id)
        {
            return id;
        }

        var parsed = Identity.ZIdentity.FromHeaders(context.Request.Headers);
        if (parsed is not null)
        {
            context.Items[typeof(ZIdentity)] = parsed;
        }

        return parsed;
    }
}
