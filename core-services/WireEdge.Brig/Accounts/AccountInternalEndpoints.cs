using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WireEdge.Brig.Auth;
using WireEdge.Brig.Events;
using WireEdge.Brig.Http;
using WireEdge.Brig.Json;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Errors;

namespace WireEdge.Brig.Accounts;

/// <summary>Brig's internal account API: <c>GET /i/users?ids=</c>, <c>PUT /i/users/:uid/status</c>.</summary>
internal static class AccountInternalEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/i/users", GetAsync);
        e.MapPut("/i/users/{uid:guid}/status", StatusAsync);
    }

    private static async Task<IResult> GetAsync(HttpContext context, [FromQuery(Name = "ids")] string? ids, [FromServices] IUserStore users, [FromServices] UserRenderer renderer)
    {
        var parsed = new List<Guid>();
        foreach (var s in (ids ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Guid.TryParse(s, out var g))
            {
                return WireErrors.BadRequest("Invalid user id");
            }

            parsed.Add(g);
        }

        if (parsed.Count > 500)
        {
            return WireErrors.BadRequest("At most 500 ids");
        }

        var rows = await users.GetManyAsync(parsed, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(rows.Select(renderer.Self).ToList(), BrigJsonContext.Default.ListUserJson);
    }

    /// <summary>Suspends (revoking every cookie) or resumes a user.</summary>
    private static async Task<IResult> StatusAsync(
        HttpContext context, Guid uid, [FromServices] IUserStore users, [FromServices] ICookieStore cookies, [FromServices] UserEvents events)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.StatusUpdateRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        UserStatus? status = body.Status switch
        {
            "active" => UserStatus.Active,
            "suspended" => UserStatus.Suspended,
            _ => null,
        };
        if (status is null)
        {
            return WireErrors.BadRequest("Expected status active or suspended");
        }

        var ct = context.RequestAborted;
        if (!await users.SetStatusAsync(uid, status.Value, ct).ConfigureAwait(false))
        {
            return WireErrors.NotFound("User not found");
        }

        if (status == UserStatus.Suspended)
        {
            await cookies.DeleteAllAsync(uid, ct).ConfigureAwait(false);
        }

        await events.PushToSelfAsync(uid, null, w =>
        {
            w.WriteString("type", status == UserStatus.Suspended ? "user.suspend" : "user.resume");
            w.WriteString("id", uid);
        }, ct).ConfigureAwait(false);
        return Results.Ok();
    }
}
