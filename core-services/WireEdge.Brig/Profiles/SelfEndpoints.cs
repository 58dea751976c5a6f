using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Brig.Accounts;
using WireEdge.Brig.Auth;
using WireEdge.Brig.Events;
using WireEdge.Brig.Http;
using WireEdge.Brig.Json;
using WireEdge.Brig.Passwords;
using WireEdge.Brig.Properties;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Services;

namespace WireEdge.Brig.Profiles;

/// <summary><c>GET/PUT/DELETE /self</c>, <c>PUT /self/locale</c>, <c>PUT|HEAD /self/password</c>.</summary>
internal static class SelfEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/self", GetAsync);
        e.MapPut("/self", UpdateAsync);
        e.MapDelete("/self", DeleteAsync);
        e.MapPut("/self/locale", LocaleAsync);
        e.MapPut("/self/password", PasswordAsync);
        e.MapMethods("/self/password", ["HEAD"], HasPasswordAsync);
    }

    private static async Task<IResult> GetAsync(HttpContext context, [FromServices] IUserStore users, [FromServices] UserRenderer renderer)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var user = await users.GetAsync(me.User, context.RequestAborted).ConfigureAwait(false);
        return user is null
            ? WireErrors.NotFound("User not found")
            : TypedResults.Json(renderer.Self(user), BrigJsonContext.Default.UserJson);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, [FromServices] IUserStore users, [FromServices] UserEvents events)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.SelfUpdateRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if (body.Name is not null && !Validation.IsValidName(body.Name))
        {
            return WireErrors.BadRequest("Invalid name: 1 to 128 characters");
        }

        if (!Validation.IsValidTextStatus(body.TextStatus) || !Validation.IsValidAccent(body.AccentId))
        {
            return WireErrors.BadRequest("Invalid text_status or accent_id");
        }

        string? assets = null;
        if (body.Assets is not null && !Validation.TryRenderAssets(body.Assets, out assets))
        {
            return WireErrors.BadRequest("Invalid assets");
        }

        var name = body.Name?.Trim();
        var update = new ProfileUpdate(name, body.TextStatus, body.AccentId, assets);
        if (!await users.UpdateProfileAsync(me.User, update, context.RequestAborted).ConfigureAwait(false))
        {
            return WireErrors.NotFound("User not found");
        }

        await events.PushToSelfAsync(me.User, me.Connection, w =>
        {
            w.WriteString("type", "user.update");
            w.WriteStartObject("user");
            w.WriteString("id", me.User);
            if (name is not null)
            {
                w.WriteString("name", name);
            }

            if (body.TextStatus is not null)
            {
                w.WriteString("text_status", body.TextStatus);
            }

            if (body.AccentId is { } accent)
            {
                w.WriteNumber("accent_id", accent);
            }

            if (body.Assets is not null)
            {
                w.WritePropertyName("assets");
                JsonSerializer.Serialize(w, body.Assets, BrigJsonContext.Default.ListUserAsset);
            }

            w.WriteEndObject();
        }, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<IResult> LocaleAsync(HttpContext context, [FromServices] IUserStore users, [FromServices] UserEvents events)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.LocaleUpdateRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if (!Validation.IsValidLocale(body.Locale))
        {
            return WireErrors.BadRequest("Invalid locale");
        }

        var locale = Validation.NormaliseLocale(body.Locale!);
        if (!await users.UpdateLocaleAsync(me.User, locale, context.RequestAborted).ConfigureAwait(false))
        {
            return WireErrors.NotFound("User not found");
        }

        await events.PushToSelfAsync(me.User, me.Connection, w =>
        {
            w.WriteString("type", "user.update");
            w.WriteStartObject("user");
            w.WriteString("id", me.User);
            w.WriteString("locale", locale);
            w.WriteEndObject();
        }, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<IResult> PasswordAsync(HttpContext context, [FromServices] IUserStore users, [FromServices] PasswordHasher hasher)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.PasswordChangeRequest).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        if (!Validation.IsValidPassword(body.NewPassword) || body.OldPassword is { Length: > 1024 })
        {
            return WireErrors.BadRequest("Invalid password: 8 to 1024 characters");
        }

        var ct = context.RequestAborted;
        var user = await users.GetAsync(me.User, ct).ConfigureAwait(false);
        if (user is null || user.IsDeleted)
        {
            return WireErrors.NotFound("User not found");
        }

        if (user.Password is not null)
        {
            if (body.OldPassword is null || !await hasher.VerifyAsync(body.OldPassword, user.Password, ct).ConfigureAwait(false))
            {
                return AuthErrors.BadCredentials();
            }

            if (body.OldPassword == body.NewPassword)
            {
                return WireErrors.Conflict("password-must-differ", "For password change, new and old password must be different.");
            }
        }

        await users.UpdatePasswordAsync(me.User, await hasher.HashAsync(body.NewPassword!, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<IResult> HasPasswordAsync(HttpContext context, [FromServices] IUserStore users)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var user = await users.GetAsync(me.User, context.RequestAborted).ConfigureAwait(false);
        return user?.Password is null ? Results.NotFound() : Results.Ok();
    }

    private static async Task<IResult> DeleteAsync(
        HttpContext context,
        [FromServices] IUserStore users,
        [FromServices] PasswordHasher hasher,
        [FromServices] ICookieStore cookies,
        [FromServices] IPropertyStore properties,
        [FromServices] UserRenderer renderer,
        [FromServices] UserEvents events)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        PasswordRequest? body = null;
        if (context.Request.ContentLength is null or > 0)
        {
            var (parsed, error) = await RequestBody.ReadJsonAsync(context.Request, BrigJsonContext.Default.PasswordRequest).ConfigureAwait(false);
            if (parsed is null && error is not WireErrorResult { Error.Message: "Missing request body" })
            {
                return error!;
            }

            body = parsed;
        }

        var ct = context.RequestAborted;
        var user = await users.GetAsync(me.User, ct).ConfigureAwait(false);
        if (user is null || user.IsDeleted)
        {
            return WireErrors.NotFound("User not found");
        }

        if (user.Password is not null)
        {
            if (body?.Password is null)
            {
                return WireErrors.Forbidden("missing-auth", "Re-authentication via password required");
            }

            if (body.Password.Length > 1024 || !await hasher.VerifyAsync(body.Password, user.Password, ct).ConfigureAwait(false))
            {
                return AuthErrors.BadCredentials();
            }
        }

        await UserDeletion.DeleteAsync(context.RequestServices, me.User, me.Connection, users, cookies, properties, renderer, events, ct).ConfigureAwait(false);
        return Results.Ok();
    }
}

/// <summary>What deleting an account does: tombstone the user, drop cookies and properties, tell its clients and galley.</summary>
internal static class UserDeletion
{
    public static async Task DeleteAsync(
        IServiceProvider services, Guid user, string? connection, IUserStore users, ICookieStore cookies, IPropertyStore properties,
        UserRenderer renderer, UserEvents events, CancellationToken ct)
    {
        if (!await users.MarkDeletedAsync(user, ct).ConfigureAwait(false))
        {
            return;
        }

        await cookies.DeleteAllAsync(user, ct).ConfigureAwait(false);
        await properties.ClearAsync(user, ct).ConfigureAwait(false);
        var qualified = renderer.Qualify(user);
        await events.PushToSelfAsync(user, connection, w =>
        {
            w.WriteString("type", "user.delete");
            w.WriteString("id", user);
            w.WriteStartObject("qualified_id");
            w.WriteString("id", qualified.Id);
            w.WriteString("domain", qualified.Domain);
            w.WriteEndObject();
        }, ct).ConfigureAwait(false);
        if (services.GetService<IGalleyInternal>() is { } galley)
        {
            await galley.OnUserDeletedAsync(user, ct).ConfigureAwait(false);
        }
    }
}
