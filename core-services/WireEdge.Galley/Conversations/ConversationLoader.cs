using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Identity;
using WireEdge.Galley.Http;

namespace WireEdge.Galley.Conversations;

/// <summary>A conversation with its members, loaded for an acting member.</summary>
public sealed record LoadedConversation(ConversationRecord Conversation, IReadOnlyList<MemberRecord> Members, MemberRecord Self)
{
    public bool IsMember(Guid user) => Members.Any(m => m.User == user);
}

/// <summary>Loads conversations for the caller and maps the usual failures to Wire errors.</summary>
public static class ConversationLoader
{
    /// <summary>The caller from the trusted Z-* headers, or a 401.</summary>
    public static (ZIdentity? Caller, IResult? Error) Caller(HttpContext http)
    {
        var id = http.ZIdentity();
        return id is null ? (null, GalleyErrors.MissingAuth()) : (id, null);
    }

    /// <summary>
    /// The conversation and its members when <paramref name="user"/> is a member. Unknown (or remote)
    /// conversations are 404 <c>no-conversation</c>; a non-member gets <paramref name="nonMember"/>
    /// (403 <c>access-denied</c> for reads, 404 <c>no-conversation</c> for changes by default).
    /// </summary>
    public static async Task<(LoadedConversation? Loaded, IResult? Error)> ForMemberAsync(
        GalleyContext ctx, string? domain, Guid conversation, Guid user, CancellationToken cancellationToken, Func<IResult>? nonMember = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (domain is not null && !string.Equals(domain, ctx.Domain, StringComparison.OrdinalIgnoreCase))
        {
            return (null, GalleyErrors.NoConversation());
        }

        var conv = await ctx.Conversations.GetAsync(conversation, cancellationToken).ConfigureAwait(false);
        if (conv is null)
        {
            return (null, GalleyErrors.NoConversation());
        }

        var members = await ctx.Conversations.GetMembersAsync(conversation, cancellationToken).ConfigureAwait(false);
        var self = members.FirstOrDefault(m => m.User == user);
        if (self is null)
        {
            return (null, (nonMember ?? GalleyErrors.NoConversation)());
        }

        return (new LoadedConversation(conv, members, self), null);
    }

    /// <summary>403 <c>action-denied</c> unless the member's role allows the action.</summary>
    public static IResult? Check(MemberRecord member, ConversationAction action)
        => ConversationRoles.Allows(member.Role, action) ? null : GalleyErrors.ActionDenied(ConversationRoles.WireName(action));
}
