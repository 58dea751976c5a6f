using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WireEdge.Brig.Json;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Ids;
using WireEdge.Zauth;

namespace WireEdge.Brig.Auth;

/// <summary>
/// <c>POST /access</c> and <c>POST /access/logout</c> (FACTS.md §1.4). Neither binds a body (the
/// client sends an empty form-urlencoded one) and neither ever answers 401: the client would retry
/// a 401 on <c>/access</c> forever.
/// </summary>
internal static class AccessEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapPost("/access", AccessAsync);
        e.MapPost("/access/logout", LogoutAsync);
    }

    private static async Task<IResult> AccessAsync(
        HttpContext context,
        [FromServices] ZauthVerifier verifier,
        [FromServices] ICookieStore store,
        [FromServices] CookieService cookies,
        [FromServices] TimeProvider time)
    {
        var ct = context.RequestAborted;
        var accessText = TokenSources.AccessToken(context.Request);
        var (cookie, error) = await FindCookieAsync(context.Request, accessText, verifier, store, ct).ConfigureAwait(false);
        if (cookie is null)
        {
            return error!;
        }

        ulong? connection = null;
        string? oldClient = null;
        if (accessText is not null)
        {
            var (old, accessError) = CheckAccessToken(accessText, cookie.UserId, verifier);
            if (old is null)
            {
                return accessError!;
            }

            connection = old.Connection;
            oldClient = old.Client;
        }

        string? requested = null;
        var clientParam = context.Request.Query["client_id"].ToString();
        if (clientParam.Length > 0)
        {
            if (!ClientId.TryParse(clientParam, out var parsed))
            {
                return WireErrors.BadRequest("Invalid client_id");
            }

            requested = parsed.ToString();
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var effective = cookie;
        var followed = false;
        if (cookie.SuccId is { } succ && await store.GetAsync(cookie.UserId, succ, ct).ConfigureAwait(false) is { } successor && successor.Expires > now)
        {
            effective = successor;
            followed = true;
        }

        if (requested is not null && effective.Client is not null && effective.Client != requested)
        {
            return AuthErrors.Invalid("Client ID mismatch");
        }

        IssuedCookie? renewed = null;
        var settings = cookies.Settings;
        if ((requested is not null && effective.Client is null)
            || (effective.Persistent && now - effective.Created > settings.CookieRenewAgeSeconds * 1000L))
        {
            renewed = await cookies.NewCookieAsync(effective.UserId, effective.Persistent, effective.Label, requested ?? effective.Client, revokeSameLabel: false, ct).ConfigureAwait(false);
            await store.SetSuccessorAsync(effective.UserId, effective.Id, renewed.Row.Id, now + (settings.CookieRenewAgeSeconds * 1000L), ct).ConfigureAwait(false);
            effective = renewed.Row;
        }

        if (renewed is not null)
        {
            context.Response.Headers.SetCookie = cookies.SetCookieHeader(renewed);
        }
        else if (followed)
        {
            context.Response.Headers.SetCookie = cookies.SetCookieHeader(new IssuedCookie(effective, cookies.TokenFor(effective)));
        }

        var access = cookies.NewAccessToken(effective.UserId, requested ?? effective.Client ?? oldClient, connection);
        return TypedResults.Json(
            new AccessTokenResponse { User = effective.UserId, AccessToken = access.Token, ExpiresIn = access.ExpiresIn },
            BrigJsonContext.Default.AccessTokenResponse);
    }

    private static async Task<IResult> LogoutAsync(
        HttpContext context,
        [FromServices] ZauthVerifier verifier,
        [FromServices] ICookieStore store)
    {
        var ct = context.RequestAborted;
        var accessText = TokenSources.AccessToken(context.Request);
        if (accessText is null)
        {
            return TokenSources.ZuidCookies(context.Request).Count == 0 ? AuthErrors.MissingCookieAndToken() : AuthErrors.MissingToken();
        }

        var (cookie, error) = await FindCookieAsync(context.Request, accessText, verifier, store, ct).ConfigureAwait(false);
        if (cookie is null)
        {
            return error!;
        }

        var (_, accessError) = CheckAccessToken(accessText, cookie.UserId, verifier);
        if (accessError is not null)
        {
            return accessError;
        }

        List<long> ids = [cookie.Id];
        if (cookie.SuccId is { } succ)
        {
            ids.Add(succ);
        }

        await store.DeleteAsync(cookie.UserId, ids, ct).ConfigureAwait(false);
        return Results.Ok();
    }

    /// <summary>The first <c>zuid</c> cookie that verifies and is still stored; otherwise the error of the first one.</summary>
    private static async Task<(CookieRow? Cookie, IResult? Error)> FindCookieAsync(
        HttpRequest request, string? accessText, ZauthVerifier verifier, ICookieStore store, CancellationToken ct)
    {
        var values = TokenSources.ZuidCookies(request);
        if (values.Count == 0)
        {
            return (null, accessText is null ? AuthErrors.MissingCookieAndToken() : AuthErrors.MissingCookie());
        }

        IResult? first = null;
        foreach (var v in values)
        {
            var r = verifier.Verify(v);
            if (r.Status != ZauthVerifyStatus.Valid || r.Token is not { Type: ZauthTokenType.User } token)
            {
                first ??= r.Status == ZauthVerifyStatus.Valid ? AuthErrors.InvalidToken() : AuthErrors.ForStatus(r.Status);
                continue;
            }

            var row = await store.GetAsync(token.User, token.Random, ct).ConfigureAwait(false);
            if (row is null)
            {
                first ??= AuthErrors.InvalidToken();
                continue;
            }

            return (row, null);
        }

        return (null, first ?? AuthErrors.InvalidToken());
    }

    /// <summary>An old access token: validly signed (expiry does not matter), an access token, of the cookie's user.</summary>
    private static (ZauthToken? Token, IResult? Error) CheckAccessToken(string text, Guid user, ZauthVerifier verifier)
    {
        var r = verifier.Verify(text);
        if (r.Status is not (ZauthVerifyStatus.Valid or ZauthVerifyStatus.Expired) || r.Token is null)
        {
            return (null, AuthErrors.ForStatus(r.Status));
        }

        if (r.Token.Type != ZauthTokenType.Access || r.Token.User != user)
        {
            return (null, AuthErrors.Invalid("Token mismatch"));
        }

        return (r.Token, null);
    }
}
