using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Services;
using WireEdge.Galley.Conversations;
using WireEdge.Galley.Teams;

namespace WireEdge.Galley.Internal;

/// <summary>The in-process <see cref="IGalleyInternal"/> (brig calls it when both run in one process).</summary>
public sealed class LocalGalleyInternal(GalleyContext ctx) : IGalleyInternal
{
    public async Task<Guid> UpsertOne2OneAsync(Guid from, Guid to, One2OneMembership membership, CancellationToken cancellationToken = default)
    {
        var id = One2OneConversationId.Compute(new QualifiedId(from, ctx.Domain), new QualifiedId(to, ctx.Domain)).Id;
        var now = ctx.Now();
        var conv = await ctx.Conversations.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (conv is null)
        {
            if (membership == One2OneMembership.None)
            {
                return id;
            }

            var type = membership == One2OneMembership.Both ? ConversationType.One2One : ConversationType.Connect;
            var fresh = new ConversationRecord(id, type, from, null, ["private"], AccessRoles.Default, null, null, null);
            List<MemberRecord> members = membership == One2OneMembership.Both
                ? [new(from, ConversationRoles.Admin), new(to, ConversationRoles.Admin)]
                : [new(from, ConversationRoles.Admin)];
            if (await ctx.Conversations.CreateAsync(fresh, members, cancellationToken).ConfigureAwait(false))
            {
                await ConversationEvents.PushCreateAsync(ctx, fresh, members, from, null, now, cancellationToken).ConfigureAwait(false);
                return id;
            }

            conv = await ctx.Conversations.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? fresh;
        }

        var current = await ctx.Conversations.GetMembersAsync(id, cancellationToken).ConfigureAwait(false);
        switch (membership)
        {
            case One2OneMembership.RequesterOnly:
            case One2OneMembership.Both:
                var wanted = membership == One2OneMembership.Both ? new[] { from, to } : [from];
                var targetType = membership == One2OneMembership.Both ? ConversationType.One2One : (current.Any(m => m.User == to) ? ConversationType.One2One : ConversationType.Connect);
                if (conv.Type != targetType)
                {
                    await ctx.Conversations.SetTypeAsync(id, targetType, cancellationToken).ConfigureAwait(false);
                }

                var missing = wanted.Where(u => current.All(m => m.User != u)).Select(u => new MemberRecord(u, ConversationRoles.Admin)).ToList();
                if (missing.Count > 0)
                {
                    var added = await ctx.Conversations.AddMembersAsync(id, missing, cancellationToken).ConfigureAwait(false);
                    if (added.Count > 0)
                    {
                        var ev = ConversationEvents.MemberJoin(ctx, id, from, now, added);
                        await ctx.Notifier.PushAsync(ev, current.Select(m => m.User).Concat(added.Select(a => a.User)), from, null, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                }

                break;
            case One2OneMembership.None:
                if (current.Any(m => m.User == from) && await ctx.Conversations.RemoveMemberAsync(id, from, cancellationToken).ConfigureAwait(false))
                {
                    var ev = ConversationEvents.MemberLeave(ctx, id, from, now, [from], "left");
                    await ctx.Notifier.PushAsync(ev, current.Select(m => m.User), from, null, cancellationToken: cancellationToken).ConfigureAwait(false);
                    if (conv.Type == ConversationType.One2One)
                    {
                        await ctx.Conversations.SetTypeAsync(id, ConversationType.Connect, cancellationToken).ConfigureAwait(false);
                    }
                }

                break;
        }

        return id;
    }

    public Task CreateBindingTeamAsync(Guid teamId, Guid owner, string name, string icon, string? iconKey, CancellationToken cancellationToken = default)
        => ctx.Teams.CreateAsync(
            new TeamRecord(teamId, owner, name, icon, iconKey, Binding: true),
            new TeamMemberRecord(owner, TeamPermissions.Full, TeamPermissions.Full, null, ctx.Now().ToUnixTimeMilliseconds()),
            cancellationToken);

    public async Task OnUserDeletedAsync(Guid user, CancellationToken cancellationToken = default)
    {
        Guid? after = null;
        var conversations = new List<Guid>();
        while (true)
        {
            var page = await ctx.Conversations.ListIdsAsync(user, after, 1000, cancellationToken).ConfigureAwait(false);
            conversations.AddRange(page);
            if (page.Count < 1000)
            {
                break;
            }

            after = page[^1];
        }

        var now = ctx.Now();
        foreach (var conv in conversations)
        {
            var members = await ctx.Conversations.GetMemberIdsAsync(conv, cancellationToken).ConfigureAwait(false);
            if (!await ctx.Conversations.RemoveMemberAsync(conv, user, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var others = members.Where(m => m != user).ToList();
            if (others.Count > 0)
            {
                var ev = ConversationEvents.MemberLeave(ctx, conv, user, now, [user], "user-deleted");
                await ctx.Notifier.PushAsync(ev, others, user, null, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        await ctx.Teams.RemoveUserEverywhereAsync(user, cancellationToken).ConfigureAwait(false);
    }
}
