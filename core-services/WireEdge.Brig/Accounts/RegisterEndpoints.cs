using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireEdge.Brig.Auth;
using WireEdge.Brig.Http;
using WireEdge.Brig.Json;
using WireEdge.Brig.Passwords;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Services;

namespace WireEdge.Brig.Accounts;

/// <summary><c>POST /register</c> (FACTS.md §6.2): a new user, optionally with a binding team it owns.</summary>
internal static partial class RegisterEndpoints
{
    public static void Map(IEndpointRouteBuilder e) => e.MapPost("/register", RegisterAsync);

    private static async Task<IResult> RegisterAsync(
        HttpContext context,
        [FromServices] IUserStore users,
        [FromServices] PasswordHasher hasher,
        [FromServices] CookieService cookies,
        [FromServices] ActivationService activation,
        [FromServices] UserRenderer renderer,
        [FromServices] TimeProvider time,
        [FromServices] ILoggerFactory loggers)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.RegisterRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if (Check(body, out var assetsJson) is { } invalid)
        {
            return invalid;
        }

        var ct = context.RequestAborted;
        var email = body.Email!.Trim();
        var emailKey = Validation.EmailKey(email);
        if (await users.GetByEmailAsync(emailKey, ct).ConfigureAwait(false) is not null)
        {
            return KeyExists();
        }

        var activated = false;
        if (body.EmailCode is not null)
        {
            if (await activation.CheckAsync(email, body.EmailCode, dryRun: false, ct).ConfigureAwait(false) != ActivationCheck.Valid)
            {
                return WireErrors.NotFound("Invalid activation code", "invalid-code");
            }

            activated = true;
        }

        var user = new UserRow
        {
            Id = Guid.NewGuid(),
            Name = body.Name!.Trim(),
            AccentId = body.AccentId ?? 0,
            Assets = assetsJson,
            Email = email,
            EmailKey = emailKey,
            EmailActivated = activated,
            Locale = body.Locale is null ? "en-US" : Validation.NormaliseLocale(body.Locale),
            Status = UserStatus.Active,
            Team = body.Team is null ? null : Guid.NewGuid(),
            Password = body.Password is null ? null : await hasher.HashAsync(body.Password, ct).ConfigureAwait(false),
            Created = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        if (!await users.InsertAsync(user, ct).ConfigureAwait(false))
        {
            return KeyExists();
        }

        if (body.Team is { } team && context.RequestServices.GetService<IGalleyInternal>() is { } galley)
        {
            try
            {
                await galley.CreateBindingTeamAsync(user.Team!.Value, user.Id, team.Name!.Trim(), team.Icon ?? "default", team.IconKey, ct).ConfigureAwait(false);
            }
            catch
            {
                await users.MarkDeletedAsync(user.Id, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        if (activated)
        {
            await activation.ConsumeAsync(email, ct).ConfigureAwait(false);
        }
        else if (cookies.Settings.SendActivationOnRegister)
        {
            try
            {
                await activation.SendCodeAsync(email, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The account exists; the user can ask for another code with POST /activate/send.
                LogActivationMailFailed(loggers.CreateLogger("WireEdge.Brig.Accounts.Register"), e, user.Id);
            }
        }

        var cookie = await cookies.NewCookieAsync(user.Id, persistent: true, body.Label, null, revokeSameLabel: false, ct).ConfigureAwait(false);
        context.Response.Headers.SetCookie = cookies.SetCookieHeader(cookie);
        context.Response.Headers.Location = $"/users/{user.Id:D}";
        return TypedResults.Json(renderer.Self(user), BrigJsonContext.Default.UserJson, statusCode: StatusCodes.Status201Created);
    }

    private static WireErrorResult KeyExists() => WireErrors.Conflict("key-exists", "The given e-mail address is in use.");

    private static IResult? Check(RegisterRequest body, out string assetsJson)
    {
        assetsJson = "[]";
        if (body.InvitationCode is not null || body.TeamCode is not null)
        {
            return WireErrors.BadRequest("Invalid invitation code.", "invalid-invitation-code");
        }

        if (body.TeamId is not null)
        {
            return WireErrors.Forbidden("unauthorized", "Unauthorized operation");
        }

        if (!Validation.IsValidName(body.Name))
        {
            return WireErrors.BadRequest("Invalid name: 1 to 128 characters");
        }

        if (body.Password is not null && !Validation.IsValidPassword(body.Password))
        {
            return WireErrors.BadRequest("Invalid password: 8 to 1024 characters");
        }

        if (body.Email is null)
        {
            return body.Phone is not null
                ? WireErrors.BadRequest("Invalid mobile phone number", "invalid-phone")
                : WireErrors.Forbidden("missing-identity", "Using an invitation code requires registering the given email.");
        }

        if (!Validation.IsValidEmail(body.Email.Trim()))
        {
            return WireErrors.BadRequest("Invalid e-mail address.", "invalid-email");
        }

        if (body.Locale is not null && !Validation.IsValidLocale(body.Locale))
        {
            return WireErrors.BadRequest("Invalid locale");
        }

        if (!Validation.IsValidAccent(body.AccentId))
        {
            return WireErrors.BadRequest("Invalid accent_id");
        }

        if (body.Label is { Length: > 256 })
        {
            return WireErrors.BadRequest("Label too long");
        }

        if (body.EmailCode is { Length: 0 or > 64 })
        {
            return WireErrors.BadRequest("Invalid email_code");
        }

        if (body.Team is { } team && (string.IsNullOrWhiteSpace(team.Name) || team.Name.Length > 256 || team.Icon is { Length: > 256 } || team.IconKey is { Length: > 256 }))
        {
            return WireErrors.BadRequest("Invalid team: name 1 to 256 characters");
        }

        return Validation.TryRenderAssets(body.Assets, out assetsJson) ? null : WireErrors.BadRequest("Invalid assets");
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Activation e-mail for new user {User} could not be sent")]
    private static partial void LogActivationMailFailed(ILogger logger, Exception exception, Guid user);
}
