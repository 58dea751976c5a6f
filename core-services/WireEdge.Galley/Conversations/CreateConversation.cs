using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Versioning;
using WireEdge.Galley.Http;
using WireEdge.Galley.Json;

namespace WireEdge.Galley.Conversations;

/// <summary><c>POST /conversations</c> (group, proteus) and <c>POST /conversations/self</c>.</summary>
public static class CreateConversation
{
    /// <summary>Maximum conversation size (wire-server's default <c>maxConvSize</c>).</summary>
    public const int MaxConversationSize = 500;

    public static async Task<IResult> CreateGroupAsync(HttpContext http, GalleyContext ctx)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return authError!;
        }

        var (body, error) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.NewConversationBody).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        var version = http.ApiVersion();
        var ct = http.RequestAborted;
        if (body.Protocol is not null and not "proteus")
        {
            return WireErrors.BadRequest("Only the proteus protocol is supported");
        }

        if (body.Name is { } name && (name.Length is 0 or > 256))
        {
            return WireErrors.BadRequest("name must be 1 to 256 characters", "invalid-range");
        }

        var role = body.ConversationRole ?? ConversationRoles.Admin;
        if (!ConversationRoles.IsValid(role))
        {
            return WireErrors.BadRequest("Unknown conversation role", "invalid-conversation-role");
        }

        var access = body.Access ?? ["invite"];
        if (access.Any(a => !AccessRoles.ValidAccess.Contains(a)))
        {
            return WireErrors.BadRequest("Unknown access mode");
        }

        var (roles, rolesError) = ParseAccessRoles(body.AccessRole, body.AccessRoleV2);
        if (rolesError is not null)
        {
            return rolesError;
        }

        var failed = new List<QualifiedId>();
        var invited = new List<Guid>();
        foreach (var q in body.QualifiedUsers ?? [])
        {
            if (!string.Equals(q.Domain, ctx.Domain, StringComparison.OrdinalIgnoreCase))
            {
                failed.Add(q);
            }
            else if (q.Id != caller.User && !invited.Contains(q.Id))
            {
                invited.Add(q.Id);
            }
        }

        foreach (var u in body.Users ?? [])
        {
            if (u != caller.User && !invited.Contains(u))
            {
                invited.Add(u);
            }
        }

        if (invited.Count + 1 > MaxConversationSize)
        {
            return GalleyErrors.TooManyMembers();
        }

        Guid? team = null;
        if (body.Team is { } t)
        {
            if (await ctx.Teams.GetMemberAsync(t.TeamId, caller.User, ct).ConfigureAwait(false) is null)
            {
                return GalleyErrors.NoTeamMember();
            }

            team = t.TeamId;
        }

        if (await CheckConnectedAsync(ctx, caller.User, team, invited, ct).ConfigureAwait(false) is { } notConnected)
        {
            return notConnected;
        }

        var conv = new ConversationRecord(Guid.NewGuid(), ConversationType.Regular, caller.User, body.Name, access, roles ?? AccessRoles.Default, team, body.MessageTimer, body.ReceiptMode);
        var members = new List<MemberRecord> { new(caller.User, ConversationRoles.Admin) };
        members.AddRange(invited.Select(u => new MemberRecord(u, role)));
        await ctx.Conversations.CreateAsync(conv, members, ct).ConfigureAwait(false);
        await ConversationEvents.PushCreateAsync(ctx, conv, members, caller.User, caller.Connection, ctx.Now(), ct).ConfigureAwait(false);

        var bytes = ConversationJson.ToBytes(conv, members, caller.User, ctx.Domain, legacyAccessRole: version <= 2, version >= 4
            ? w =>
            {
                w.WriteStartArray("failed_to_add");
                foreach (var f in failed)
                {
                    ConversationJson.WriteQualifiedValue(w, f.Id, f.Domain);
                }

                w.WriteEndArray();
            }
            : null);
        return new JsonBytesResult(bytes, StatusCodes.Status201Created, $"/conversations/{ctx.Domain}/{conv.Id:D}");
    }

    public static async Task<IResult> CreateSelfAsync(HttpContext http, GalleyContext ctx)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return authError!;
        }

        var ct = http.RequestAborted;
        var legacy = http.ApiVersion() <= 2;
        var conv = new ConversationRecord(caller.User, ConversationType.Self, caller.User, null, ["private"], [], null, null, null);
        var created = await ctx.Conversations.CreateAsync(conv, [new MemberRecord(caller.User, ConversationRoles.Admin)], ct).ConfigureAwait(false);
        var stored = await ctx.Conversations.GetAsync(caller.User, ct).ConfigureAwait(false) ?? conv;
        var members = await ctx.Conversations.GetMembersAsync(caller.User, ct).ConfigureAwait(false);
        var bytes = ConversationJson.ToBytes(stored, members, caller.User, ctx.Domain, legacy);
        return new JsonBytesResult(bytes, created ? StatusCodes.Status201Created : StatusCodes.Status200OK, created ? $"/conversations/{ctx.Domain}/{conv.Id:D}" : null);
    }

    /// <summary>Access roles from the v3+ array, or the v0–v2 legacy string (with <c>access_role_v2</c> taking precedence).</summary>
    public static (string[]? Roles, IResult? Error) ParseAccessRoles(JsonElement? accessRole, List<string>? accessRoleV2)
    {
        if (accessRoleV2 is not null)
        {
            return accessRoleV2.All(AccessRoles.ValidRoles.Contains) ? ([.. accessRoleV2.Distinct()], null) : (null, WireErrors.BadRequest("Unknown access role"));
        }

        if (accessRole is not { } e || e.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (e.ValueKind == JsonValueKind.String)
        {
            var legacy = AccessRoles.FromLegacy(e.GetString());
            return legacy is null ? (null, WireErrors.BadRequest("Unknown access role")) : (legacy, null);
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            return (null, WireErrors.BadRequest("access_role must be an array"));
        }

        var roles = new List<string>();
        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !AccessRoles.ValidRoles.Contains(item.GetString()))
            {
                return (null, WireErrors.BadRequest("Unknown access role"));
            }

            if (!roles.Contains(item.GetString()!))
            {
                roles.Add(item.GetString()!);
            }
        }

        return ([.. roles], null);
    }

    /// <summary>
    /// 403 <c>not-connected</c> unless every user is connected to <paramref name="actor"/> or a member of
    /// the conversation's team or one of the actor's teams.
    /// </summary>
    public static async Task<IResult?> CheckConnectedAsync(GalleyContext ctx, Guid actor, Guid? team, IReadOnlyCollection<Guid> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(users);
        if (users.Count == 0)
        {
            return null;
        }

        var remaining = new HashSet<Guid>(users);
        var teams = new List<Guid>(await ctx.Teams.TeamsOfAsync(actor, cancellationToken).ConfigureAwait(false));
        if (team is { } t && !teams.Contains(t))
        {
            teams.Add(t);
        }

        foreach (var tid in teams)
        {
            remaining.ExceptWith(await ctx.Teams.MembersAmongAsync(tid, remaining, cancellationToken).ConfigureAwait(false));
        }

        if (remaining.Count == 0)
        {
            return null;
        }

        var connected = await ctx.Brig.GetAcceptedConnectionsAsync(actor, remaining, cancellationToken).ConfigureAwait(false);
        return remaining.All(connected.Contains) ? null : GalleyErrors.NotConnected();
    }
}
