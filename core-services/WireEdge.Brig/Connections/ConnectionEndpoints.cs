using System.Buffers.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireEdge.Brig.Clients;
using WireEdge.Brig.Internal;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Errors;
using WireEdge.Hosting.Options;

namespace WireEdge.Brig.Connections;

/// <summary>Connections between users (FACTS.md §6.5, CLIENT-CONTRACT.md §4 rows 10–11).</summary>
public static class ConnectionEndpoints
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapPost("/connections/{domain}/{user}", ConnectAsync);
        e.MapPut("/connections/{domain}/{user}", UpdateAsync);
        e.MapGet("/connections/{domain}/{user}", GetAsync);
        e.MapPost("/list-connections", ListAsync);
    }

    private static IResult InvalidUser() => WireErrors.BadRequest("Invalid user", "invalid-user");

    private static IResult Error(string label) => label switch
    {
        ConnectionRules.NotConnected => WireErrors.Forbidden(label, "Users are not connected"),
        "connection-limit" => WireErrors.Forbidden(label, "Too many sent/accepted connections"),
        _ => WireErrors.Forbidden(ConnectionRules.BadUpdate, "Invalid status transition"),
    };

    private static async Task<IResult> ConnectAsync(HttpContext http, string domain, string user, ConnectionService connections, IOptions<WireOptions> wire)
    {
        if (DeviceHttp.Caller(http) is not { } caller)
        {
            return DeviceHttp.Unauthenticated();
        }

        // The official client sends a JSON content type with an empty body: the body is never read.
        if (!Guid.TryParse(user, out var other) || other == caller.User || !UserClientEndpoints.IsLocal(domain, wire.Value))
        {
            return InvalidUser();
        }

        var lookup = http.RequestServices.GetService<IUserLookup>();
        var found = lookup is null ? [] : await lookup.GetUsersAsync([other], http.RequestAborted).ConfigureAwait(false);
        if (!found.Any(u => u.Id == other && !u.Deleted))
        {
            return InvalidUser();
        }

        var outcome = await connections.ConnectAsync(caller.User, other, caller.Connection, http.RequestAborted).ConfigureAwait(false);
        if (outcome.ErrorLabel is { } label)
        {
            return Error(label);
        }

        return TypedResults.Json(outcome.View!, DevicesJsonContext.Default.UserConnectionView, statusCode: outcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, string domain, string user, ConnectionService connections, IOptions<WireOptions> wire)
    {
        if (DeviceHttp.Caller(http) is not { } caller)
        {
            return DeviceHttp.Unauthenticated();
        }

        var (body, error) = await DeviceHttp.ReadJsonAsync(http, DevicesJsonContext.Default.ConnectionUpdateBody).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (body!.Status is not { } status || Array.IndexOf(ConnectionStatus.All, status) < 0)
        {
            return WireErrors.BadRequest("Invalid connection status");
        }

        if (!Guid.TryParse(user, out var other) || other == caller.User || !UserClientEndpoints.IsLocal(domain, wire.Value))
        {
            return InvalidUser();
        }

        var outcome = await connections.UpdateAsync(caller.User, other, status, caller.Connection, http.RequestAborted).ConfigureAwait(false);
        if (outcome.ErrorLabel is { } label)
        {
            return Error(label);
        }

        return outcome.Changed
            ? TypedResults.Json(outcome.View!, DevicesJsonContext.Default.UserConnectionView)
            : Results.NoContent();
    }

    private static async Task<IResult> GetAsync(HttpContext http, string domain, string user, IConnectionStore store, ConnectionService connections, IOptions<WireOptions> wire)
    {
        if (DeviceHttp.Caller(http) is not { } caller)
        {
            return DeviceHttp.Unauthenticated();
        }

        if (!Guid.TryParse(user, out var other))
        {
            return WireErrors.BadRequest("Invalid user id");
        }

        var found = UserClientEndpoints.IsLocal(domain, wire.Value)
            ? await store.GetAsync(caller.User, other, http.RequestAborted).ConfigureAwait(false)
            : null;
        return found is null
            ? WireErrors.NotFound("Connection not found")
            : TypedResults.Json(connections.ToView(found), DevicesJsonContext.Default.UserConnectionView);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IConnectionStore store, ConnectionService connections)
    {
        if (DeviceHttp.Caller(http) is not { } caller)
        {
            return DeviceHttp.Unauthenticated();
        }

        var (body, error) = await DeviceHttp.ReadJsonAsync(http, DevicesJsonContext.Default.ListConnectionsBody, new ListConnectionsBody()).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var size = body!.Size ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            return WireErrors.BadRequest($"size must be between 1 and {MaxPageSize}");
        }

        Guid? after = null;
        if (!string.IsNullOrEmpty(body.PagingState))
        {
            if (!TryDecodePagingState(body.PagingState, out var last))
            {
                return WireErrors.BadRequest("Invalid paging_state");
            }

            after = last;
        }

        var rows = await store.ListAsync(caller.User, after, size + 1, http.RequestAborted).ConfigureAwait(false);
        var page = rows.Take(size).ToList();
        var state = page.Count > 0 ? EncodePagingState(page[^1].To) : body.PagingState ?? string.Empty;
        return TypedResults.Json(
            new ConnectionPage { Connections = [.. page.Select(connections.ToView)], HasMore = rows.Count > size, PagingState = state },
            DevicesJsonContext.Default.ConnectionPage);
    }

    /// <summary>The paging state is the last user of the page, as URL-safe base64 of its 16 bytes (opaque to clients).</summary>
    internal static string EncodePagingState(Guid last) => Base64Url.EncodeToString(last.ToByteArray());

    internal static bool TryDecodePagingState(string text, out Guid last)
    {
        last = Guid.Empty;
        if (text.Length is 0 or > 24 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, bytes, out var n) || n != 16)
            {
                return false;
            }
        }
        catch (FormatException)
        {
            // Base64Url.TryDecodeFromChars throws on some malformed inputs instead of answering false.
            return false;
        }

        last = new Guid(bytes);
        return true;
    }
}
