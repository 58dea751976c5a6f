using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WireEdge.Brig.Clients;
using WireEdge.Brig.Internal;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Versioning;
using WireEdge.Hosting.Options;

namespace WireEdge.Brig.Prekeys;

/// <summary>Claiming other users' prekeys to start Proteus sessions (FACTS.md §6.4).</summary>
public static class PrekeyEndpoints
{
    /// <summary>From this API version on, <c>list-prekeys</c> wraps the map in <c>qualified_user_client_prekeys</c>.</summary>
    public const int QualifiedMapSince = 4;

    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/users/{domain}/{user}/prekeys", BundleAsync);
        e.MapGet("/users/{domain}/{user}/prekeys/{client}", ClaimAsync);
        e.MapPost("/users/list-prekeys", ListAsync);
    }

    private static async Task<IResult> BundleAsync(HttpContext http, string domain, string user, IClientStore clients, IPrekeyStore prekeys, IOptions<WireOptions> wire)
    {
        if (DeviceHttp.Caller(http) is null)
        {
            return DeviceHttp.Unauthenticated();
        }

        if (!Guid.TryParse(user, out var uid))
        {
            return WireErrors.BadRequest("Invalid user id");
        }

        var claimed = new List<ClientPrekey>();
        if (UserClientEndpoints.IsLocal(domain, wire.Value))
        {
            var found = await clients.ListPublicAsync([uid], http.RequestAborted).ConfigureAwait(false);
            var list = found.TryGetValue(uid, out var l) ? l : [];
            var keys = await prekeys.ClaimManyAsync([.. list.Select(c => (uid, c.Id))], http.RequestAborted).ConfigureAwait(false);
            for (var i = 0; i < list.Count; i++)
            {
                if (keys[i] is { } key)
                {
                    claimed.Add(new ClientPrekey(list[i].Id, key));
                }
            }
        }

        return TypedResults.Json(new PrekeyBundle(uid, claimed), DevicesJsonContext.Default.PrekeyBundle);
    }

    private static async Task<IResult> ClaimAsync(HttpContext http, string domain, string user, string client, IPrekeyStore prekeys, IOptions<WireOptions> wire)
    {
        if (DeviceHttp.Caller(http) is null)
        {
            return DeviceHttp.Unauthenticated();
        }

        if (!Guid.TryParse(user, out var uid) || !ClientId.TryParse(client, out var cid))
        {
            return WireErrors.BadRequest("Invalid user or client id");
        }

        var key = UserClientEndpoints.IsLocal(domain, wire.Value)
            ? await prekeys.ClaimAsync(uid, cid, http.RequestAborted).ConfigureAwait(false)
            : null;
        return key is null
            ? ClientEndpoints.ClientNotFound()
            : TypedResults.Json(new ClientPrekey(cid, key), DevicesJsonContext.Default.ClientPrekey);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IPrekeyStore prekeys, IOptions<WireOptions> wire)
    {
        if (DeviceHttp.Caller(http) is null)
        {
            return DeviceHttp.Unauthenticated();
        }

        var (body, error) = await DeviceHttp.ReadJsonAsync(http, DevicesJsonContext.Default.DictionaryStringDictionaryGuidListClientId).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var request = body!;
        var users = request.Sum(d => d.Value?.Count ?? 0);
        if (users > UserClientEndpoints.MaxUsersPerRequest || request.Sum(d => d.Value?.Sum(u => u.Value?.Count ?? 0) ?? 0) > UserClientEndpoints.MaxUsersPerRequest * 8)
        {
            return WireErrors.BadRequest($"At most {UserClientEndpoints.MaxUsersPerRequest} users per request");
        }

        var map = new Dictionary<string, Dictionary<Guid, Dictionary<ClientId, Prekey?>>>();
        var failed = new List<QualifiedId>();
        foreach (var (domain, byUser) in request)
        {
            if (byUser is null)
            {
                continue;
            }

            if (!UserClientEndpoints.IsLocal(domain, wire.Value))
            {
                failed.AddRange(byUser.Keys.Select(u => new QualifiedId(u, domain)));
                continue;
            }

            var wanted = new List<(Guid User, ClientId Client)>();
            foreach (var (uid, clients) in byUser)
            {
                wanted.AddRange((clients ?? []).Distinct().Select(c => (uid, c)));
            }

            var keys = await prekeys.ClaimManyAsync(wanted, http.RequestAborted).ConfigureAwait(false);
            var result = byUser.Keys.ToDictionary(u => u, _ => new Dictionary<ClientId, Prekey?>());
            for (var i = 0; i < wanted.Count; i++)
            {
                result[wanted[i].User][wanted[i].Client] = keys[i];
            }

            map[wire.Value.Domain] = result;
        }

        return http.ApiVersion() >= QualifiedMapSince
            ? TypedResults.Json(new QualifiedPrekeyMap { Prekeys = map, FailedToList = failed }, DevicesJsonContext.Default.QualifiedPrekeyMap)
            : TypedResults.Json(map, DevicesJsonContext.Default.DictionaryStringDictionaryGuidDictionaryClientIdPrekey);
    }
}
