using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WireEdge.Brig.Internal;
using WireEdge.Contracts.Errors;
using WireEdge.Hosting.Options;

namespace WireEdge.Brig.Clients;

/// <summary>Other users' clients: <c>GET /users/:d/:u/clients</c>, <c>POST /users/list-clients</c>.</summary>
public static class UserClientEndpoints
{
    /// <summary>At most this many users per list request (the maximum conversation size).</summary>
    public const int MaxUsersPerRequest = 500;

    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/users/{domain}/{user}/clients", GetAsync);
        e.MapPost("/users/list-clients", ListAsync);
        e.MapPost("/users/list-clients/v2", ListAsync);
    }

    private static async Task<IResult> GetAsync(HttpContext http, string domain, string user, IClientStore store, IOptions<WireOptions> wire)
    {
        if (DeviceHttp.Caller(http) is null)
        {
            return DeviceHttp.Unauthenticated();
        }

        if (!Guid.TryParse(user, out var uid))
        {
            return WireErrors.BadRequest("Invalid user id");
        }

        var list = new List<PubClient>();
        if (IsLocal(domain, wire.Value))
        {
            var found = await store.ListPublicAsync([uid], http.RequestAborted).ConfigureAwait(false);
            if (found.TryGetValue(uid, out var clients))
            {
                list = clients;
            }
        }

        return TypedResults.Json(list, DevicesJsonContext.Default.ListPubClient);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IClientStore store, IOptions<WireOptions> wire)
    {
        if (DeviceHttp.Caller(http) is null)
        {
            return DeviceHttp.Unauthenticated();
        }

        var (body, error) = await DeviceHttp.ReadJsonAsync(http, DevicesJsonContext.Default.ListClientsBody).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var users = body!.QualifiedUsers ?? [];
        if (users.Count > MaxUsersPerRequest)
        {
            return WireErrors.BadRequest($"At most {MaxUsersPerRequest} users per request");
        }

        var local = users.Where(q => IsLocal(q.Domain, wire.Value)).Select(q => q.Id).Distinct().ToList();
        var found = await store.ListPublicAsync(local, http.RequestAborted).ConfigureAwait(false);
        var byUser = new Dictionary<Guid, List<PubClient>>();
        foreach (var u in local)
        {
            byUser[u] = found.TryGetValue(u, out var clients) ? clients : [];
        }

        var map = new Dictionary<string, Dictionary<Guid, List<PubClient>>>();
        if (byUser.Count > 0)
        {
            map[wire.Value.Domain] = byUser;
        }

        return TypedResults.Json(new QualifiedUserClients { Map = map }, DevicesJsonContext.Default.QualifiedUserClients);
    }

    internal static bool IsLocal(string? domain, WireOptions wire) => string.Equals(domain, wire.Domain, StringComparison.OrdinalIgnoreCase);
}
