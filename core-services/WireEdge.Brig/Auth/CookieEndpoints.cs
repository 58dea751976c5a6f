using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WireEdge.Brig.Http;
using WireEdge.Brig.Json;
using WireEdge.Brig.Passwords;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Time;

namespace WireEdge.Brig.Auth;

/// <summary><c>GET /cookies</c> and <c>POST /cookies/remove</c>.</summary>
internal static class CookieEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/cookies", ListAsync);
        e.MapPost("/cookies/remove", RemoveAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] ICookieStore store, [FromServices] TimeProvider time)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var labels = context.Request.Query["labels"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = await store.ListAsync(me.User, context.RequestAborted).ConfigureAwait(false);
        var list = new CookieListJson();
        foreach (var r in rows)
        {
            if (r.Expires <= now || (labels.Count > 0 && (r.Label is null || !labels.Contains(r.Label))))
            {
                continue;
            }

            list.Cookies.Add(new CookieJson
            {
                Id = (uint)r.Id,
                Type = r.Persistent ? "persistent" : "session",
                Created = WireTime.Millis(DateTimeOffset.FromUnixTimeMilliseconds(r.Created)),
                Expires = WireTime.Millis(DateTimeOffset.FromUnixTimeMilliseconds(r.Expires)),
                Label = r.Label,
                Successor = r.SuccId is { } s ? (uint)s : null,
            });
        }

        return TypedResults.Json(list, BrigJsonContext.Default.CookieListJson);
    }

    private static async Task<IResult> RemoveAsync(
        HttpContext context,
        [FromServices] ICookieStore store,
        [FromServices] IUserStore users,
        [FromServices] PasswordHasher hasher)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.RemoveCookiesRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if (body.Password is null || body.Password.Length > 1024)
        {
            return WireErrors.BadRequest("Missing or invalid password");
        }

        var ct = context.RequestAborted;
        var user = await users.GetAsync(me.User, ct).ConfigureAwait(false);
        if (!await hasher.VerifyAsync(body.Password, user?.Password, ct).ConfigureAwait(false))
        {
            return AuthErrors.BadCredentials();
        }

        if (body.Labels is not { Count: > 0 } && body.Ids is not { Count: > 0 })
        {
            // no selection: every cookie goes (wire-server's revokeCookies u [] [])
            await store.DeleteAllAsync(me.User, ct).ConfigureAwait(false);
            return Results.Ok();
        }

        if (body.Labels is { Count: > 0 })
        {
            await store.DeleteByLabelsAsync(me.User, body.Labels, ct).ConfigureAwait(false);
        }

        if (body.Ids is { Count: > 0 })
        {
            await store.DeleteAsync(me.User, [.. body.Ids.Select(i => (long)i)], ct).ConfigureAwait(false);
        }

        return Results.Ok();
    }
}
