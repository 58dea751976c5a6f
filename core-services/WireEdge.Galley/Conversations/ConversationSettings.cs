using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;
using WireEdge.Galley.Http;
using WireEdge.Galley.Json;

namespace WireEdge.Galley.Conversations;

/// <summary>Rename, access, receipt mode, message timer and typing.</summary>
public static class ConversationSettings
{
    public static async Task<IResult> RenameAsync(HttpContext http, GalleyContext ctx, string? domain, Guid cnv)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (body, bodyError) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.NameBody).ConfigureAwait(false);
        if (body is null)
        {
            return bodyError!;
        }

        if (body.Name is not { Length: >= 1 and <= 256 } name)
        {
            return WireErrors.BadRequest("name must be 1 to 256 characters", "invalid-range");
        }

        return await ChangeAsync(http, ctx, domain, cnv, ConversationAction.ModifyConversationName, c => c.Name == name, (ct, id) => ctx.Conversations.SetNameAsync(id, name, ct), "conversation.rename", w => w.WriteString("name", name)).ConfigureAwait(false);
    }

    public static async Task<IResult> AccessAsync(HttpContext http, GalleyContext ctx, string? domain, Guid cnv)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (body, bodyError) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.AccessBody).ConfigureAwait(false);
        if (body is null)
        {
            return bodyError!;
        }

        if (body.Access is null || body.Access.Any(a => !AccessRoles.ValidAccess.Contains(a)))
        {
            return WireErrors.BadRequest("access must list known access modes");
        }

        var (roles, rolesError) = CreateConversation.ParseAccessRoles(body.AccessRole, body.AccessRoleV2);
        if (rolesError is not null)
        {
            return rolesError;
        }

        if (roles is null)
        {
            return WireErrors.BadRequest("access_role is required");
        }

        var access = body.Access.Distinct().ToList();
        return await ChangeAsync(
            http,
            ctx,
            domain,
            cnv,
            ConversationAction.ModifyConversationAccess,
            c => c.Access.Order().SequenceEqual(access.Order()) && c.AccessRoles.Order().SequenceEqual(roles.Order()),
            (ct, id) => ctx.Conversations.SetAccessAsync(id, access, roles, ct),
            "conversation.access-update",
            w =>
            {
                ConversationJson.WriteStrings(w, "access", access);
                w.WriteString("access_role", AccessRoles.ToLegacy(roles));
                ConversationJson.WriteStrings(w, "access_role_v2", roles);
            }).ConfigureAwait(false);
    }

    public static async Task<IResult> ReceiptModeAsync(HttpContext http, GalleyContext ctx, string? domain, Guid cnv)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (body, bodyError) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.ReceiptModeBody).ConfigureAwait(false);
        if (body is null)
        {
            return bodyError!;
        }

        if (body.ReceiptMode is not { } mode)
        {
            return WireErrors.BadRequest("receipt_mode is required");
        }

        return await ChangeAsync(http, ctx, domain, cnv, ConversationAction.ModifyConversationReceiptMode, c => c.ReceiptMode == mode, (ct, id) => ctx.Conversations.SetReceiptModeAsync(id, mode, ct), "conversation.receipt-mode-update", w => w.WriteNumber("receipt_mode", mode)).ConfigureAwait(false);
    }

    public static async Task<IResult> MessageTimerAsync(HttpContext http, GalleyContext ctx, string? domain, Guid cnv)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (body, bodyError) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.MessageTimerBody).ConfigureAwait(false);
        if (body is null)
        {
            return bodyError!;
        }

        var timer = body.MessageTimer;
        if (timer is < 0)
        {
            return WireErrors.BadRequest("message_timer must not be negative");
        }

        return await ChangeAsync(
            http,
            ctx,
            domain,
            cnv,
            ConversationAction.ModifyConversationMessageTimer,
            c => c.MessageTimer == timer,
            (ct, id) => ctx.Conversations.SetMessageTimerAsync(id, timer, ct),
            "conversation.message-timer-update",
            w =>
            {
                if (timer is { } t)
                {
                    w.WriteNumber("message_timer", t);
                }
                else
                {
                    w.WriteNull("message_timer");
                }
            }).ConfigureAwait(false);
    }

    public static async Task<IResult> TypingAsync(HttpContext http, GalleyContext ctx, string? domain, Guid cnv)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return authError!;
        }

        var (body, bodyError) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.TypingBody).ConfigureAwait(false);
        if (body is null)
        {
            return bodyError!;
        }

        if (body.Status is not ("started" or "stopped"))
        {
            return WireErrors.BadRequest("status must be started or stopped");
        }

        var ct = http.RequestAborted;
        var (loaded, error) = await ConversationLoader.ForMemberAsync(ctx, domain, cnv, caller.User, ct).ConfigureAwait(false);
        if (loaded is null)
        {
            return error!;
        }

        var status = body.Status;
        var ev = ConversationEvents.Simple(ctx, "conversation.typing", cnv, caller.User, ctx.Now(), w =>
        {
            w.WriteStartObject();
            w.WriteString("status", status);
            w.WriteEndObject();
        });
        await ConversationEvents.PushAsync(ctx, ev, loaded.Members.Where(m => m.User != caller.User).Select(m => m.User), caller, ct, transient: true).ConfigureAwait(false);
        return Results.Ok();
    }

    /// <summary>
    /// The common shape of a setting change: load as member, check type and role, 204 when nothing
    /// changes, else store, push the event to every member and answer it with 200.
    /// </summary>
    private static async Task<IResult> ChangeAsync(
        HttpContext http,
        GalleyContext ctx,
        string? domain,
        Guid cnv,
        ConversationAction action,
        Func<ConversationRecord, bool> unchanged,
        Func<CancellationToken, Guid, Task> apply,
        string eventType,
        Action<Utf8JsonWriter> writeData)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return authError!;
        }

        var ct = http.RequestAborted;
        var (loaded, error) = await ConversationLoader.ForMemberAsync(ctx, domain, cnv, caller.User, ct).ConfigureAwait(false);
        if (loaded is null)
        {
            return error!;
        }

        if (loaded.Conversation.Type != ConversationType.Regular)
        {
            return GalleyErrors.InvalidOp("Invalid operation for this conversation type");
        }

        if (ConversationLoader.Check(loaded.Self, action) is { } denied)
        {
            return denied;
        }

        if (unchanged(loaded.Conversation))
        {
            return Results.NoContent();
        }

        await apply(ct, cnv).ConfigureAwait(false);
        var ev = ConversationEvents.Simple(ctx, eventType, cnv, caller.User, ctx.Now(), w =>
        {
            w.WriteStartObject();
            writeData(w);
            w.WriteEndObject();
        });
        await ConversationEvents.PushAsync(ctx, ev, loaded.Members.Select(m => m.User), caller, ct).ConfigureAwait(false);
        return new JsonBytesResult(ev);
    }
}
