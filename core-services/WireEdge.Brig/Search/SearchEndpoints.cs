using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WireEdge.Brig.Http;
using WireEdge.Brig.Json;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Errors;

namespace WireEdge.Brig.Search;

/// <summary><c>GET /search/contacts?q=&amp;size=&amp;domain=</c> over names and handles (FACTS.md §6.3).</summary>
internal static class SearchEndpoints
{
    public const int DefaultSize = 15;

    public static void Map(IEndpointRouteBuilder e) => e.MapGet("/search/contacts", SearchAsync);

    private static async Task<IResult> SearchAsync(
        HttpContext context,
        [FromQuery(Name = "q")] string? q,
        [FromQuery(Name = "size")] int? size,
        [FromQuery(Name = "domain")] string? domain,
        [FromServices] IUserStore users,
        [FromServices] UserRenderer renderer)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var n = size ?? DefaultSize;
        if (q is null || q.Length > 256 || n is < 1 or > 500)
        {
            return WireErrors.BadRequest("Expected q (at most 256 characters) and size 1 to 500");
        }

        var started = Stopwatch.GetTimestamp();
        var result = new SearchResultJson();
        if (domain is null || string.Equals(domain, renderer.Domain, StringComparison.OrdinalIgnoreCase))
        {
            var rows = await users.SearchAsync(q, me.User, n + 1, context.RequestAborted).ConfigureAwait(false);
            result.HasMore = rows.Count > n;
            foreach (var r in rows.Take(n))
            {
                result.Documents.Add(new ContactJson
                {
                    QualifiedId = renderer.Qualify(r.Id),
                    Id = r.Id,
                    Name = r.Name,
                    Handle = r.Handle,
                    AccentId = r.AccentId,
                    Team = r.Team,
                });
            }
        }

        result.Returned = result.Documents.Count;
        result.Found = result.Returned + (result.HasMore ? 1 : 0);
        result.Took = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return TypedResults.Json(result, BrigJsonContext.Default.SearchResultJson);
    }
}
