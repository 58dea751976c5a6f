using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;
using WireEdge.Galley.Conversations;
using WireEdge.Galley.Http;
using WireEdge.Galley.Json;

namespace WireEdge.Galley.Members;

/// <summary>Adding and removing members, a member's own settings and member roles.</summary>
public static class MemberHandlers
{
    public static async Task<IResult> AddAsync(HttpContext http, GalleyContext ctx, string? domain, Guid cnv)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return authError!;
        }

        var (body, bodyError) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.InviteBody).ConfigureAwait(false);
        if (body is null)
        {
            return bodyError!;
        }

        var users = new List<Guid>();
        foreach (var q in body.QualifiedUsers ?? [])
        {
            if (!string.Equals(q.Domain, ctx.Domain, StringComparison.OrdinalIgnoreCase))
            {
                return GalleyErrors.NotConnected();
            }

            users.Add(q.Id);
        }

        users.AddRange(body.Users ?? []);
        if (users.Count == 0)
        {
            return WireErrors.BadRequest("qualified_users must not be empty", "invalid-range");
        }

        var role = body.ConversationRole ?? ConversationRoles.Admin;
        if (!ConversationRoles.IsValid(role))
        {
            return WireErrors.BadRequest("Unknown conversation role", "invalid-conversation-role");
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

        if (ConversationLoader.Check(loaded.Self, ConversationAction.AddConversationMember) is { } denied)
        {
            return denied;
        }

        var fresh = users.Distinct().Where(u => !loaded.IsMember(u)).ToList();
        if (fresh.Count == 0)
        {
            return Results.NoContent();
        }

        if (loaded.Members.Count + fresh.Count > CreateConversation.MaxConversationSize)
        {
            return GalleyErrors.TooManyMembers();
        }

        if (await CreateConversation.CheckConnectedAsync(ctx, caller.User, loaded.Conversation.Team, fresh, ct).ConfigureAwait(false) is { } notConnected)
        {
            return notConnected;
        }

        var added = await ctx.Conversations.AddMembersAsync(cnv, [.. fresh.Select(u => new MemberRecord(u, role))], ct).ConfigureAwait(false);
        if (added.Count == 0)
        {
            return Results.NoContent();
        }

        var ev = ConversationEvents.MemberJoin(ctx, cnv, caller.User, ctx.Now(), added);
        await ConversationEvents.PushAsync(ctx, ev, loaded.Members.Select(m => m.User).Concat(added.Select(a => a.User)), caller, ct).ConfigureAwait(false);
        return new JsonBytesResult(ev);
    }

    public static async Task<IResult> RemoveAsync(HttpContext http, GalleyContext ctx, string? domain, Guid cnv, string? userDomain, Guid user)
    {
        ArgumentNullException.ThrowIfNull(http);
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

        var leaving = user == caller.User;
        if (ConversationLoader.Check(loaded.Self, leaving ? ConversationAction.LeaveConversation : ConversationAction.RemoveConversationMember) is { } denied)
        {
            return denied;
        }

        if ((userDomain is not null && !string.Equals(userDomain, ctx.Domain, StringComparison.OrdinalIgnoreCase)) || !loaded.IsMember(user))
        {
            return Results.NoContent();
        }

        if (!await ctx.Conversations.RemoveMemberAsync(cnv, user, ct).ConfigureAwait(false))
        {
            return Results.NoContent();
        }

        var ev = ConversationEvents.MemberLeave(ctx, cnv, caller.User, ctx.Now(), [user], leaving ? "left" : "removed");
        await ConversationEvents.PushAsync(ctx, ev, loaded.Members.Select(m => m.User), caller, ct).ConfigureAwait(false);
        return new JsonBytesResult(ev);
    }

    public static async Task<IResult> UpdateSelfAsync(HttpContext http, GalleyContext ctx, string? domain, Guid cnv)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return authError!;
        }

        var (body, bodyError) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.MemberSelfBody).ConfigureAwait(false);
        if (body is null)
        {
            return bodyError!;
        }

        if (body.OtrMutedStatus is null && body.OtrMutedRef is null && body.OtrArchived is null && body.OtrArchivedRef is null && body.Hidden is null && body.HiddenRef is null)
        {
            return WireErrors.BadRequest("At least one field must be updated", "invalid-payload");
        }

        var ct = http.RequestAborted;
        var (loaded, error) = await ConversationLoader.ForMemberAsync(ctx, domain, cnv, caller.User, ct).ConfigureAwait(false);
        if (loaded is null)
        {
            return error!;
        }

        await ctx.Conversations.UpdateSelfAsync(cnv, caller.User, new MemberSelfUpdate(body.OtrMutedStatus, body.OtrMutedRef, body.OtrArchived, body.OtrArchivedRef, body.Hidden, body.HiddenRef), ct).ConfigureAwait(false);
        var ev = ConversationEvents.Simple(ctx, "conversation.member-update", cnv, caller.User, ctx.Now(), w =>
        {
            w.WriteStartObject();
            ConversationJson.WriteQualified(w, "qualified_target", caller.User, ctx.Domain);
            w.WriteString("target", caller.User);
            if (body.OtrMutedStatus is { } muted)
            {
                w.WriteNumber("otr_muted_status", muted);
            }

            if (body.OtrMutedRef is { } mutedRef)
            {
                w.WriteString("otr_muted_ref", mutedRef);
            }

            if (body.OtrArchived is { } archived)
            {
                w.WriteBoolean("otr_archived", archived);
            }

            if (body.OtrArchivedRef is { } archivedRef)
            {
                w.WriteString("otr_archived_ref", archivedRef);
            }

            if (body.Hidden is { } hidden)
            {
                w.WriteBoolean("hidden", hidden);
            }

            if (body.HiddenRef is { } hiddenRef)
            {
                w.WriteString("hidden_ref", hiddenRef);
            }

            w.WriteEndObject();
        });
        await ConversationEvents.PushAsync(ctx, ev, [caller.User], caller, ct).ConfigureAwait(false);
        return Results.Ok();
    }

    public static async Task<IResult> UpdateRoleAsync(HttpContext http, GalleyContext ctx, string? domain, Guid cnv, string? userDomain, Guid user)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return authError!;
        }

        var (body, bodyError) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.RoleBody).ConfigureAwait(false);
        if (body is null)
        {
            return bodyError!;
        }

        if (!ConversationRoles.IsValid(body.ConversationRole))
        {
            return WireErrors.BadRequest("Unknown conversation role", "invalid-conversation-role");
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

        if (ConversationLoader.Check(loaded.Self, ConversationAction.ModifyOtherConversationMember) is { } denied)
        {
            return denied;
        }

        if ((userDomain is not null && !string.Equals(userDomain, ctx.Domain, StringComparison.OrdinalIgnoreCase)) || !loaded.IsMember(user))
        {
            return GalleyErrors.NoConversationMember();
        }

        var role = body.ConversationRole!;
        await ctx.Conversations.SetRoleAsync(cnv, user, role, ct).ConfigureAwait(false);
        var ev = ConversationEvents.Simple(ctx, "conversation.member-update", cnv, caller.User, ctx.Now(), w =>
        {
            w.WriteStartObject();
            ConversationJson.WriteQualified(w, "qualified_target", user, ctx.Domain);
            w.WriteString("target", user);
            w.WriteString("conversation_role", role);
            w.WriteEndObject();
        });
        await ConversationEvents.PushAsync(ctx, ev, loaded.Members.Select(m => m.User), caller, ct).ConfigureAwait(false);
        return Results.Ok();
    }
}
