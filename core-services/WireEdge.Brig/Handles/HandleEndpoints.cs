using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WireEdge.Brig.Events;
using WireEdge.Brig.Http;
using WireEdge.Brig.Json;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Errors;

namespace WireEdge.Brig.Handles;

/// <summary><c>PUT /self/handle</c>, <c>HEAD /handles/:h</c> (and <c>/users/handles/:h</c> before v7), <c>POST /handles</c>.</summary>
internal static class HandleEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapPut("/self/handle", SetAsync);
        e.MapMethods("/handles/{handle}", ["HEAD"], CheckAsync);
        e.MapMethods("/users/handles/{handle}", ["HEAD"], CheckAsync);
        e.MapPost("/handles", FreeAsync);
        e.MapPost("/users/handles", FreeAsync);
    }

    public static WireErrorResult InvalidHandle() => WireErrors.BadRequest(
        "The given handle is invalid (less than 2 or more than 256 characters; chars not in \"a-z0-9_.-\"; or on the blocklist)", "invalid-handle");

    private static async Task<IResult> SetAsync(HttpContext context, [FromServices] IUserStore users, [FromServices] UserEvents events)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.HandleUpdateRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if (!HandleRules.IsValid(body.Handle))
        {
            return InvalidHandle();
        }

        var ct = context.RequestAborted;
        var user = await users.GetAsync(me.User, ct).ConfigureAwait(false);
        if (user is null || user.IsDeleted)
        {
            return WireErrors.NotFound("User not found");
        }

        if (user.Handle == body.Handle)
        {
            return Results.Ok();
        }

        if (!await users.SetHandleAsync(me.User, body.Handle!, ct).ConfigureAwait(false))
        {
            return WireErrors.Conflict("handle-exists", "The given handle is already taken.");
        }

        await events.PushToSelfAsync(me.User, me.Connection, w =>
        {
            w.WriteString("type", "user.update");
            w.WriteStartObject("user");
            w.WriteString("id", me.User);
            w.WriteString("handle", body.Handle);
            w.WriteEndObject();
        }, ct).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<IResult> CheckAsync(HttpContext context, string handle, [FromServices] IUserStore users)
    {
        if (!HandleRules.IsValid(handle))
        {
            return InvalidHandle();
        }

        var taken = await users.TakenHandlesAsync([handle], context.RequestAborted).ConfigureAwait(false);
        return taken.Count > 0 ? Results.Ok() : WireErrors.NotFound("Handle not found");
    }

    private static async Task<IResult> FreeAsync(HttpContext context, [FromServices] IUserStore users)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.CheckHandlesRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        var max = body.Return ?? 1;
        if (body.Handles is not { Count: >= 1 and <= 50 } || max is < 1 or > 10 || body.Handles.Any(h => h is null))
        {
            return WireErrors.BadRequest("Expected 1 to 50 handles and return 1 to 10");
        }

        var candidates = body.Handles.Where(HandleRules.IsValid).Distinct(StringComparer.Ordinal).ToList();
        var taken = await users.TakenHandlesAsync(candidates, context.RequestAborted).ConfigureAwait(false);
        var free = candidates.Where(h => !taken.Contains(h)).Take(max).ToList();
        return TypedResults.Json(free, BrigJsonContext.Default.ListString);
    }
}
