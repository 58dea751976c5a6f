using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Identity;
using WireEdge.Contracts.Services;
using WireEdge.Galley.Http;
using WireEdge.Galley.Json;

namespace WireEdge.Galley.Internal;

/// <summary>
/// Galley's internal API (<c>/i/...</c>), the HTTP face of <see cref="IGalleyInternal"/>:
/// <c>POST /i/conversations/one2one/upsert</c> <c>{"from","to","membership":"requester-only"|"both"|"none"}</c> → <c>{"conversation"}</c>;
/// <c>PUT /i/teams/:tid</c> <c>{"owner","name","icon","icon_key"?}</c> → 201;
/// <c>DELETE /i/user</c> (Z-User) → 200.
/// </summary>
public static class InternalEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/i/conversations/one2one/upsert", UpsertAsync);
        endpoints.MapPut("/i/teams/{tid:guid}", CreateTeamAsync);
        endpoints.MapDelete("/i/user", DeleteUserAsync);
    }

    public static string MembershipName(One2OneMembership membership) => membership switch
    {
        One2OneMembership.RequesterOnly => "requester-only",
        One2OneMembership.Both => "both",
        _ => "none",
    };

    private static async Task<IResult> UpsertAsync(HttpContext http, IGalleyInternal galley)
    {
        var (body, error) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.One2OneUpsertBody).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        One2OneMembership? membership = body.Membership switch
        {
            "requester-only" => One2OneMembership.RequesterOnly,
            "both" => One2OneMembership.Both,
            "none" => One2OneMembership.None,
            _ => null,
        };
        if (membership is null || body.From == Guid.Empty || body.To == Guid.Empty)
        {
            return WireErrors.BadRequest("from, to and membership (requester-only, both, none) are required");
        }

        var id = await galley.UpsertOne2OneAsync(body.From, body.To, membership.Value, http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new One2OneUpsertResponse { Conversation = id }, GalleyJsonContext.Default.One2OneUpsertResponse);
    }

    private static async Task<IResult> CreateTeamAsync(HttpContext http, IGalleyInternal galley, Guid tid)
    {
        var (body, error) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.BindingTeamBody).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if (body.Owner == Guid.Empty || string.IsNullOrEmpty(body.Name))
        {
            return WireErrors.BadRequest("owner and name are required");
        }

        await galley.CreateBindingTeamAsync(tid, body.Owner, body.Name, body.Icon ?? "default", body.IconKey, http.RequestAborted).ConfigureAwait(false);
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> DeleteUserAsync(HttpContext http, IGalleyInternal galley)
    {
        if (!Guid.TryParse(http.Request.Headers[ZHeaders.User].ToString(), out var user))
        {
            return WireErrors.BadRequest("Z-User is required");
        }

        await galley.OnUserDeletedAsync(user, http.RequestAborted).ConfigureAwait(false);
        return Results.Ok();
    }
}
