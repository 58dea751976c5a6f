using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WireEdge.Brig.Accounts;
using WireEdge.Brig.Json;
using WireEdge.Brig.Passwords;
using WireEdge.Brig.Http;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Errors;

namespace WireEdge.Brig.Auth;

/// <summary><c>POST /login</c> by e-mail or handle (FACTS.md §6.1).</summary>
internal static class LoginEndpoints
{
    public static void Map(IEndpointRouteBuilder e) => e.MapPost("/login", LoginAsync);

    private static async Task<IResult> LoginAsync(
        HttpContext context,
        [FromQuery(Name = "persist")] bool? persist,
        [FromServices] IUserStore users,
        [FromServices] PasswordHasher hasher,
        [FromServices] LoginThrottle throttle,
        [FromServices] CookieService cookies)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.LoginRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if (body.Email is null && body.Handle is null)
        {
            return body.Phone is not null
                ? WireErrors.BadRequest("Invalid mobile phone number", "invalid-phone")
                : WireErrors.BadRequest("Missing e-mail or handle");
        }

        if (!Validation.IsPlausiblePassword(body.Password))
        {
            return WireErrors.BadRequest("Invalid password length");
        }

        if (body.Label is { Length: > 256 })
        {
            return WireErrors.BadRequest("Label too long");
        }

        var ct = context.RequestAborted;
        var user = body.Email is not null
            ? await users.GetByEmailAsync(Validation.EmailKey(body.Email), ct).ConfigureAwait(false)
            : await users.GetByHandleAsync(body.Handle!.Trim().ToLowerInvariant(), ct).ConfigureAwait(false);
        if (user is { IsDeleted: true })
        {
            user = null;
        }

        if (user is not null && throttle.RetryAfter(user.Id) is { } wait)
        {
            return AuthErrors.TooManyFailedLogins(wait);
        }

        if (!await hasher.VerifyAsync(body.Password!, user?.Password, ct).ConfigureAwait(false))
        {
            if (user is not null)
            {
                throttle.RecordFailure(user.Id);
            }

            return AuthErrors.BadCredentials();
        }

        var u = user!;
        if (u.Status == UserStatus.Suspended)
        {
            return AuthErrors.Suspended();
        }

        if (cookies.Settings.RequireActivation && u.Email is not null && !u.EmailActivated)
        {
            return AuthErrors.PendingActivation();
        }

        throttle.Reset(u.Id);
        if (hasher.NeedsRehash(u.Password!))
        {
            await users.UpdatePasswordAsync(u.Id, await hasher.HashAsync(body.Password!, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }

        var cookie = await cookies.NewCookieAsync(u.Id, persist ?? false, body.Label, null, revokeSameLabel: true, ct).ConfigureAwait(false);
        var access = cookies.NewAccessToken(u.Id, null, null);
        context.Response.Headers.SetCookie = cookies.SetCookieHeader(cookie);
        return TypedResults.Json(
            new AccessTokenResponse { User = u.Id, AccessToken = access.Token, ExpiresIn = access.ExpiresIn },
            BrigJsonContext.Default.AccessTokenResponse);
    }
}
