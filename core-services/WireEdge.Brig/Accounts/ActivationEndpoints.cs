using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WireEdge.Brig.Events;
using WireEdge.Brig.Http;
using WireEdge.Brig.Json;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Errors;

namespace WireEdge.Brig.Accounts;

/// <summary>E-mail activation: <c>POST /activate/send</c> and <c>POST /activate</c>.</summary>
internal static class ActivationEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapPost("/activate/send", SendAsync);
        e.MapPost("/activate", ActivateAsync);
    }

    private static async Task<IResult> SendAsync(HttpContext context, [FromServices] IUserStore users, [FromServices] ActivationService activation)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.SendActivationRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if (body.Email is null)
        {
            return body.Phone is not null
                ? WireErrors.BadRequest("Invalid mobile phone number", "invalid-phone")
                : WireErrors.BadRequest("Missing email");
        }

        var email = body.Email.Trim();
        if (!Validation.IsValidEmail(email))
        {
            return WireErrors.BadRequest("Invalid e-mail address.", "invalid-email");
        }

        var ct = context.RequestAborted;
        if (await users.GetByEmailAsync(Validation.EmailKey(email), ct).ConfigureAwait(false) is { EmailActivated: true })
        {
            return WireErrors.Conflict("key-exists", "The given e-mail address is in use.");
        }

        return await activation.SendCodeAsync(email, ct).ConfigureAwait(false)
            ? Results.Ok()
            : WireErrors.BadRequest("Invalid e-mail address.", "invalid-email");
    }

    private static async Task<IResult> ActivateAsync(
        HttpContext context,
        [FromServices] IUserStore users,
        [FromServices] ActivationService activation,
        [FromServices] UserRenderer renderer,
        [FromServices] UserEvents events)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.ActivateRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if (body.Email is null || body.Code is null || body.Code.Length is 0 or > 64)
        {
            return body.Phone is not null
                ? WireErrors.BadRequest("Invalid mobile phone number", "invalid-phone")
                : WireErrors.BadRequest("Missing email or code");
        }

        var email = body.Email.Trim();
        var dryRun = body.DryRun ?? false;
        var ct = context.RequestAborted;
        if (!Validation.IsValidEmail(email)
            || await activation.CheckAsync(email, body.Code, dryRun, ct).ConfigureAwait(false) != ActivationCheck.Valid)
        {
            return WireErrors.NotFound("Invalid activation code", "invalid-code");
        }

        if (dryRun)
        {
            return Results.Ok();
        }

        var user = await users.GetByEmailAsync(Validation.EmailKey(email), ct).ConfigureAwait(false);
        if (user is null)
        {
            // Activation before registration: the code stays valid for POST /register's email_code.
            return TypedResults.Json(new ActivationResponse { Email = email, First = false }, BrigJsonContext.Default.ActivationResponse);
        }

        await activation.ConsumeAsync(email, ct).ConfigureAwait(false);
        if (!await users.ActivateEmailAsync(user.Id, ct).ConfigureAwait(false))
        {
            return Results.NoContent();
        }

        user.EmailActivated = true;
        var self = renderer.Self(user);
        await events.PushToSelfAsync(user.Id, null, w =>
        {
            w.WriteString("type", "user.activate");
            w.WritePropertyName("user");
            System.Text.Json.JsonSerializer.Serialize(w, self, BrigJsonContext.Default.UserJson);
        }, ct).ConfigureAwait(false);
        return TypedResults.Json(new ActivationResponse { Email = user.Email ?? email, First = true }, BrigJsonContext.Default.ActivationResponse);
    }
}
