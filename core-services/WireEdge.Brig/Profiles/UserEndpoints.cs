using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WireEdge.Brig.Http;
using WireEdge.Brig.Json;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Errors;

namespace WireEdge.Brig.Profiles;

/// <summary><c>GET /users/:domain/:id</c> and <c>POST /list-users</c> (FACTS.md §6.3).</summary>
internal static class UserEndpoints
{
    public const int MaxListUsers = 500;

    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/users/{domain}/{id}", GetAsync);
        e.MapPost("/list-users", ListAsync);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string domain, string id, [FromServices] IUserStore users, [FromServices] UserRenderer renderer)
    {
        if (!Caller.TryGet(context, out _, out var unauthorized))
        {
            return unauthorized;
        }

        if (!Guid.TryParse(id, out var uid))
        {
            return WireErrors.BadRequest("Invalid user id");
        }

        var user = string.Equals(domain, renderer.Domain, StringComparison.OrdinalIgnoreCase)
            ? await users.GetAsync(uid, context.RequestAborted).ConfigureAwait(false)
            : null;
        return user is null
            ? WireErrors.NotFound("User not found")
            : TypedResults.Json(renderer.Profile(user), BrigJsonContext.Default.UserJson);
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] IUserStore users, [FromServices] UserRenderer renderer)
    {
        if (!Caller.TryGet(context, out _, out var unauthorized))
        {
            return unauthorized;
        }

        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.ListUsersRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if ((body.QualifiedIds is null) == (body.QualifiedHandles is null))
        {
            return WireErrors.BadRequest("Expected exactly one of qualified_ids and qualified_handles");
        }

        var count = body.QualifiedIds?.Count ?? body.QualifiedHandles!.Count;
        if (count > MaxListUsers)
        {
            return WireErrors.BadRequest($"At most {MaxListUsers} users per request");
        }

        var ct = context.RequestAborted;
        IReadOnlyList<UserRow> rows;
        if (body.QualifiedIds is not null)
        {
            var ids = body.QualifiedIds.Where(q => string.Equals(q.Domain, renderer.Domain, StringComparison.OrdinalIgnoreCase)).Select(q => q.Id).ToList();
            rows = await users.GetManyAsync(ids, ct).ConfigureAwait(false);
        }
        else
        {
            var handles = body.QualifiedHandles!
                .Where(h => h is not null && h.Handle is not null && string.Equals(h.Domain, renderer.Domain, StringComparison.OrdinalIgnoreCase))
                .Select(h => h.Handle!.ToLowerInvariant())
                .ToList();
            rows = await users.GetByHandlesAsync(handles, ct).ConfigureAwait(false);
        }

        var response = new ListUsersResponse();
        response.Found.AddRange(rows.Select(renderer.Profile));
        return TypedResults.Json(response, BrigJsonContext.Default.ListUsersResponse);
    }
}
