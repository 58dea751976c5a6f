using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;
using WireEdge.Zauth;

namespace WireEdge.Brig.Auth;

/// <summary>
/// The 403 bodies of login and <c>/access</c>. The official client maps <c>invalid-credentials</c> by
/// message text: only "Authentication failed." means a wrong password; every other text logs out.
/// </summary>
internal static class AuthErrors
{
    public const string InvalidCredentialsLabel = "invalid-credentials";

    public static WireErrorResult BadCredentials() => Invalid("Authentication failed.");

    public static WireErrorResult MissingCookie() => Invalid("Missing cookie");

    public static WireErrorResult MissingCookieAndToken() => Invalid("Missing cookie and token");

    public static WireErrorResult MissingToken() => Invalid("Missing token");

    public static WireErrorResult InvalidToken() => Invalid("Invalid zauth token");

    public static WireErrorResult Invalid(string message) => WireErrors.Forbidden(InvalidCredentialsLabel, message);

    public static WireErrorResult Suspended() => WireErrors.Forbidden("suspended", "Account suspended.");

    public static WireErrorResult PendingActivation() => WireErrors.Forbidden("pending-activation", "Account pending activation.");

    /// <summary>403 client-error with <c>Retry-After</c> (<c>limitFailedLogins</c>).</summary>
    public static IResult TooManyFailedLogins(int retryAfterSeconds) => new RetryAfterResult(WireErrors.Forbidden("client-error", "Too many failed logins"), retryAfterSeconds);

    public static WireErrorResult ForStatus(ZauthVerifyStatus status) => status switch
    {
        ZauthVerifyStatus.Expired => Invalid("Zauth token expired"),
        ZauthVerifyStatus.Falsified => Invalid("Zauth token falsified"),
        _ => InvalidToken(),
    };

    private sealed class RetryAfterResult(WireErrorResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
