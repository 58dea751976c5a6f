using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Services;

namespace WireEdge.Brig.Internal;

/// <summary>Brig's internal device API, the HTTP form of <see cref="IBrigInternal"/> (internal listener only).</summary>
public static class InternalEndpoints
{
    private const int MaxUsers = 10_000;

    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapPost("/i/clients/list", ClientsAsync);
        e.MapPost("/i/connections/accepted", AcceptedAsync);
        e.MapPost("/i/users/summaries", SummariesAsync);
        e.MapPost("/i/clients/active", ActiveAsync);
    }

    private static async Task<IResult> ClientsAsync(HttpContext http, LocalBrigInternal brig)
    {
        var (body, error) = await DeviceHttp.ReadJsonAsync(http, DevicesJsonContext.Default.UserIdsBody).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (body!.Users.Count > MaxUsers)
        {
            return WireErrors.BadRequest("Too many users");
        }

        var found = await brig.GetClientsAsync(body.Users, http.RequestAborted).ConfigureAwait(false);
        var result = new UserClientIds { Clients = found.ToDictionary(kv => kv.Key, kv => kv.Value.ToList()) };
        return TypedResults.Json(result, DevicesJsonContext.Default.UserClientIds);
    }

    private static async Task<IResult> AcceptedAsync(HttpContext http, LocalBrigInternal brig)
    {
        var (body, error) = await DeviceHttp.ReadJsonAsync(http, DevicesJsonContext.Default.AcceptedConnectionsBody).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (body!.Others.Count > MaxUsers)
        {
            return WireErrors.BadRequest("Too many users");
        }

        var found = await brig.GetAcceptedConnectionsAsync(body.User, body.Others, http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new UserIdsBody { Users = [.. found] }, DevicesJsonContext.Default.UserIdsBody);
    }

    private static async Task<IResult> SummariesAsync(HttpContext http, LocalBrigInternal brig)
    {
        var (body, error) = await DeviceHttp.ReadJsonAsync(http, DevicesJsonContext.Default.UserIdsBody).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (body!.Users.Count > MaxUsers)
        {
            return WireErrors.BadRequest("Too many users");
        }

        var found = await brig.GetUsersAsync(body.Users, http.RequestAborted).ConfigureAwait(false);
        var result = new UserSummaries
        {
            Users = [.. found.Select(u => new UserSummaryDto { Id = u.Id, Name = u.Name, Team = u.Team, Handle = u.Handle, Deleted = u.Deleted })],
        };
        return TypedResults.Json(result, DevicesJsonContext.Default.UserSummaries);
    }

    private static async Task<IResult> ActiveAsync(HttpContext http, LocalBrigInternal brig)
    {
        var (body, error) = await DeviceHttp.ReadJsonAsync(http, DevicesJsonContext.Default.ClientActiveBody).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        await brig.MarkClientActiveAsync(body!.User, body.Client, http.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }
}
