using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Identity;
using WireEdge.Contracts.Ids;

namespace WireEdge.Gundeck.PushTokens;

/// <summary><c>POST/GET/DELETE /push/tokens</c> (FACTS.md §5.1).</summary>
internal static class PushTokenEndpoints
{
    private const int MaxBody = 64 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/push/tokens", AddAsync);
        endpoints.MapGet("/push/tokens", async (HttpContext context, PushTokenStore store) =>
            context.ZIdentity() is { } me
                ? Results.Json(new PushTokenList { Tokens = await store.ListAsync(me.User, context.RequestAborted).ConfigureAwait(false) }, GundeckJsonContext.Default.PushTokenList)
                : WireErrors.Unauthorized("Missing user", "missing-auth"));
        endpoints.MapDelete("/push/tokens/{token}", async (HttpContext context, string token, PushTokenStore store) =>
        {
            if (context.ZIdentity() is not { } me)
            {
                return WireErrors.Unauthorized("Missing user", "missing-auth");
            }

            return await store.DeleteAsync(me.User, token, context.RequestAborted).ConfigureAwait(false)
                ? Results.NoContent()
                : WireErrors.NotFound("Push token not found");
        });
    }

    /// <summary>Validates a token as gundeck does; null when it is acceptable.</summary>
    internal static IResult? Validate(PushTokenDto t)
    {
        var apns = t.Transport is "APNS" or "APNS_SANDBOX";
        if (t.Transport is "APNS_VOIP" or "APNS_VOIP_SANDBOX")
        {
            return WireErrors.BadRequest("Adding APNS_VOIP tokens is not supported", "apns-voip-not-supported");
        }

        if (!apns && t.Transport != "GCM")
        {
            return WireErrors.BadRequest("transport: one of GCM, APNS, APNS_SANDBOX, APNS_VOIP, APNS_VOIP_SANDBOX");
        }

        if (string.IsNullOrWhiteSpace(t.App))
        {
            return WireErrors.NotFound("App not found", "app-not-found");
        }

        if (t.App.Length > 256)
        {
            return WireErrors.Of(StatusCodes.Status413PayloadTooLarge, "metadata-too-long", "Tried to add token to endpoint resulting in metadata length > 2048");
        }

        if (string.IsNullOrEmpty(t.Token))
        {
            return WireErrors.NotFound("Invalid push token", "invalid-token");
        }

        if (t.Token.Length >= (apns ? 400 : 8192))
        {
            return WireErrors.Of(StatusCodes.Status413PayloadTooLarge, "token-too-long", "Push token length must be < 8192 for GCM or 400 for APNS");
        }

        if (apns && (t.Token.Length % 2 != 0 || !t.Token.All(char.IsAsciiHexDigit)))
        {
            return WireErrors.NotFound("Invalid push token", "invalid-token");
        }

        if (!ClientId.TryParse(t.Client, out var client))
        {
            return WireErrors.BadRequest("client: a client id");
        }

        t.Client = client.ToString();
        return null;
    }

    private static async Task<IResult> AddAsync(HttpContext context, PushTokenStore store)
    {
        if (context.ZIdentity() is not { } me)
        {
            return WireErrors.Unauthorized("Missing user", "missing-auth");
        }

        if (me.Connection is null)
        {
            return WireErrors.BadRequest("Missing Z-Connection header");
        }

        PushTokenDto? token;
        try
        {
            if (context.Request.ContentLength > MaxBody)
            {
                return WireErrors.TooLarge();
            }

            token = await JsonSerializer.DeserializeAsync(context.Request.Body, GundeckJsonContext.Default.PushTokenDto, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return WireErrors.BadRequest("Invalid JSON body");
        }

        if (token is null)
        {
            return WireErrors.BadRequest("Invalid JSON body");
        }

        if (Validate(token) is { } error)
        {
            return error;
        }

        await store.AddAsync(me.User, token, me.Connection, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.Location = "/push/tokens/" + Uri.EscapeDataString(token.Token!);
        return Results.Json(token, GundeckJsonContext.Default.PushTokenDto, statusCode: StatusCodes.Status201Created);
    }
}
