using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Brig.Internal;
using WireEdge.Brig.Prekeys;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Identity;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Versioning;

namespace WireEdge.Brig.Clients;

/// <summary>The caller's own clients: <c>/clients</c> (FACTS.md §6.4).</summary>
public static class ClientEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapPost("/clients", AddAsync);
        e.MapGet("/clients", ListAsync);
        e.MapGet("/clients/{client}", GetAsync);
        e.MapPut("/clients/{client}", UpdateAsync);
        e.MapDelete("/clients/{client}", DeleteAsync);
        e.MapGet("/clients/{client}/prekeys", PrekeyIdsAsync);
    }

    internal static IResult ClientNotFound() => WireErrors.NotFound("Client not found", "client-not-found");

    internal static IResult MissingAuth() => WireErrors.Forbidden("missing-auth", "Re-authentication via password required");

    internal static IResult InvalidCredentials() => WireErrors.Forbidden("invalid-credentials", "Authentication failed.");

    private static async Task<IResult> AddAsync(HttpContext http, IClientStore store, DeviceEvents events, TimeProvider time)
    {
        if (DeviceHttp.Caller(http) is not { } caller)
        {
            return DeviceHttp.Unauthenticated();
        }

        var (body, error) = await DeviceHttp.ReadJsonAsync(http, DevicesJsonContext.Default.NewClientBody).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (ValidateNewClient(body!, out var client, caller.User) is { } invalid)
        {
            return WireErrors.BadRequest(invalid);
        }

        var existing = await store.ListAsync(caller.User, http.RequestAborted).ConfigureAwait(false);
        var needsAuth = !existing.Any(c => c.Id == client.Id) && existing.Any(c => c.Type == client.Type);
        if (needsAuth && await CheckPasswordAsync(http, caller.User, body!.Password).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var result = await store.AddAsync(client, needsAuth, time.GetUtcNow(), http.RequestAborted).ConfigureAwait(false);
        switch (result.Status)
        {
            case AddClientStatus.TooManyClients:
                return WireErrors.Forbidden("too-many-clients", "Too many clients");
            case AddClientStatus.NeedsReauthentication:
                return MissingAuth();
        }

        var stored = result.Client!;
        var pushes = new List<(Guid, byte[], string?)>();
        foreach (var replaced in result.Replaced)
        {
            pushes.Add((caller.User, ClientViews.RemovedEvent(replaced), caller.Connection));
        }

        pushes.Add((caller.User, ClientViews.AddedEvent(stored), caller.Connection));
        await events.PushManyAsync(pushes, caller.User, http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(ClientViews.ToView(stored, http.ApiVersion()), DevicesJsonContext.Default.ClientView, statusCode: StatusCodes.Status201Created)
            .WithLocation(http, "/clients/" + stored.Id);
    }

    private static IResult WithLocation(this IResult result, HttpContext http, string location)
    {
        http.Response.Headers.Location = location;
        return result;
    }

    private static string? ValidateNewClient(NewClientBody body, out NewClient client, Guid user)
    {
        client = null!;
        if (body.Type is null || Array.IndexOf(ClientRules.Types, body.Type) < 0)
        {
            return "Invalid or missing client type";
        }

        if (body.Class is not null && Array.IndexOf(ClientRules.Classes, body.Class) < 0)
        {
            return "Invalid client class";
        }

        if (body.Prekeys is null)
        {
            return "Missing prekeys";
        }

        if (ClientRules.ValidatePrekeys(body.Prekeys, out var prekeys) is { } prekeyError)
        {
            return prekeyError;
        }

        if (ClientRules.ValidateLastKey(body.Lastkey, out var lastKey) is { } lastKeyError)
        {
            return lastKeyError;
        }

        if ((ClientRules.ValidateText(body.Label, "label") ?? ClientRules.ValidateText(body.Model, "model") ?? ClientRules.ValidateText(body.Cookie, "cookie")) is { } textError)
        {
            return textError;
        }

        if (!ClientRules.TryParseCapabilities(body.Capabilities, out var capabilities))
        {
            return "Invalid capabilities";
        }

        var cls = body.Type == "legalhold" ? "legalhold" : body.Class;
        client = new NewClient(user, ClientRules.ClientIdFromLastKey(lastKey.Key), body.Type, cls, body.Label, body.Model, body.Cookie, capabilities, prekeys, lastKey);
        return null;
    }

    /// <summary>Null when the password is right; otherwise the 403 to answer.</summary>
    internal static async Task<IResult?> CheckPasswordAsync(HttpContext http, Guid user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return MissingAuth();
        }

        var lookup = http.RequestServices.GetService<IUserLookup>();
        if (lookup is null || password.Length > 1024 || !await lookup.CheckPasswordAsync(user, password, http.RequestAborted).ConfigureAwait(false))
        {
            return InvalidCredentials();
        }

        return null;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IClientStore store)
    {
        if (DeviceHttp.Caller(http) is not { } caller)
        {
            return DeviceHttp.Unauthenticated();
        }

        var clients = await store.ListAsync(caller.User, http.RequestAborted).ConfigureAwait(false);
        var version = http.ApiVersion();
        return TypedResults.Json(clients.Select(c => ClientViews.ToView(c, version)).ToList(), DevicesJsonContext.Default.ListClientView);
    }

    private static async Task<IResult> GetAsync(HttpContext http, string client, IClientStore store)
    {
        if (DeviceHttp.Caller(http) is not { } caller)
        {
            return DeviceHttp.Unauthenticated();
        }

        if (!ClientId.TryParse(client, out var id))
        {
            return WireErrors.BadRequest("Invalid client id");
        }

        var stored = await store.GetAsync(caller.User, id, http.RequestAborted).ConfigureAwait(false);
        return stored is null
            ? ClientNotFound()
            : TypedResults.Json(ClientViews.ToView(stored, http.ApiVersion()), DevicesJsonContext.Default.ClientView);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, string client, IClientStore store)
    {
        if (DeviceHttp.Caller(http) is not { } caller)
        {
            return DeviceHttp.Unauthenticated();
        }

        if (!ClientId.TryParse(client, out var id))
        {
            return WireErrors.BadRequest("Invalid client id");
        }

        var (body, error) = await DeviceHttp.ReadJsonAsync(http, DevicesJsonContext.Default.UpdateClientBody).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (ClientRules.ValidatePrekeys(body!.Prekeys, out var prekeys) is { } prekeyError)
        {
            return WireErrors.BadRequest(prekeyError);
        }

        Prekey? lastKey = null;
        if (body.Lastkey is not null)
        {
            if (ClientRules.ValidateLastKey(body.Lastkey, out var k) is { } lastKeyError)
            {
                return WireErrors.BadRequest(lastKeyError);
            }

            lastKey = k;
        }

        if (ClientRules.ValidateText(body.Label, "label") is { } textError)
        {
            return WireErrors.BadRequest(textError);
        }

        List<string>? capabilities = null;
        if (body.Capabilities is { ValueKind: not System.Text.Json.JsonValueKind.Null })
        {
            if (!ClientRules.TryParseCapabilities(body.Capabilities, out var parsed))
            {
                return WireErrors.BadRequest("Invalid capabilities");
            }

            capabilities = parsed;
        }

        var current = await store.GetAsync(caller.User, id, http.RequestAborted).ConfigureAwait(false);
        if (current is null)
        {
            return ClientNotFound();
        }

        if (capabilities is not null && current.Capabilities.Except(capabilities).Any())
        {
            return WireErrors.Conflict("client-capabilities-cannot-be-removed", "You can only add capabilities to a client, not remove them.");
        }

        return await store.UpdateAsync(caller.User, id, body.Label, capabilities, prekeys, lastKey, http.RequestAborted).ConfigureAwait(false)
            ? Results.Ok()
            : ClientNotFound();
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string client, IClientStore store, DeviceEvents events)
    {
        if (DeviceHttp.Caller(http) is not { } caller)
        {
            return DeviceHttp.Unauthenticated();
        }

        if (!ClientId.TryParse(client, out var id))
        {
            return WireErrors.BadRequest("Invalid client id");
        }

        var (body, error) = await DeviceHttp.ReadJsonAsync(http, DevicesJsonContext.Default.DeleteClientBody, new DeleteClientBody()).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var current = await store.GetAsync(caller.User, id, http.RequestAborted).ConfigureAwait(false);
        if (current is null)
        {
            return ClientNotFound();
        }

        if (current.Type != "temporary" && await CheckPasswordAsync(http, caller.User, body!.Password).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        if (await store.DeleteAsync(caller.User, id, http.RequestAborted).ConfigureAwait(false))
        {
            await events.PushAsync(caller.User, ClientViews.RemovedEvent(id), caller.Connection, http.RequestAborted).ConfigureAwait(false);
        }

        return Results.Ok();
    }

    private static async Task<IResult> PrekeyIdsAsync(HttpContext http, string client, IClientStore store, IPrekeyStore prekeys)
    {
        if (DeviceHttp.Caller(http) is not { } caller)
        {
            return DeviceHttp.Unauthenticated();
        }

        if (!ClientId.TryParse(client, out var id))
        {
            return WireErrors.BadRequest("Invalid client id");
        }

        if (await store.GetAsync(caller.User, id, http.RequestAborted).ConfigureAwait(false) is null)
        {
            return ClientNotFound();
        }

        var ids = await prekeys.ListIdsAsync(caller.User, id, http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(ids.ToList(), DevicesJsonContext.Default.ListInt32);
    }
}
