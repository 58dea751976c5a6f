using System.Text.Json;
using WireEdge.Contracts.Identity;
using WireEdge.Galley.Events;

namespace WireEdge.Galley.Conversations;

/// <summary>Builds and pushes the conversation events that membership and setting changes emit.</summary>
public static class ConversationEvents
{
    /// <summary><c>conversation.create</c> to every member, each seeing the conversation as themselves.</summary>
    public static Task PushCreateAsync(GalleyContext ctx, ConversationRecord conv, IReadOnlyList<MemberRecord> members, Guid from, string? originConnection, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(members);
        var pushes = new List<Contracts.Push.PushRequest>(members.Count);
        foreach (var m in members)
        {
            var ev = ConversationEventJson.Build("conversation.create", conv.Id, ctx.Domain, from, time, w => ConversationJson.Write(w, conv, members, m.User, ctx.Domain, legacyAccessRole: true));
            pushes.Add(new Contracts.Push.PushRequest
            {
                Recipients = [new Contracts.Push.PushRecipient(m.User)],
                Payload = ConversationEventJson.AsPayload(ev),
                Origin = from,
                OriginConnection = originConnection,
            });
        }

        return ctx.Notifier.PushManyAsync(pushes, cancellationToken);
    }

    public static byte[] MemberJoin(GalleyContext ctx, Guid conv, Guid from, DateTimeOffset time, IReadOnlyList<MemberRecord> added)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ConversationEventJson.Build("conversation.member-join", conv, ctx.Domain, from, time, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("users");
            foreach (var m in added)
            {
                w.WriteStartObject();
                ConversationJson.WriteQualified(w, "qualified_id", m.User, ctx.Domain);
                w.WriteString("id", m.User);
                w.WriteString("conversation_role", m.Role);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("user_ids");
            foreach (var m in added)
            {
                w.WriteStringValue(m.User);
            }

            w.WriteEndArray();
            w.WriteString("add_type", "internal_add");
            w.WriteEndObject();
        });
    }

    public static byte[] MemberLeave(GalleyContext ctx, Guid conv, Guid from, DateTimeOffset time, IReadOnlyList<Guid> removed, string reason)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ConversationEventJson.Build("conversation.member-leave", conv, ctx.Domain, from, time, w =>
        {
            w.WriteStartObject();
            w.WriteString("reason", reason);
            w.WriteStartArray("qualified_user_ids");
            foreach (var u in removed)
            {
                ConversationJson.WriteQualifiedValue(w, u, ctx.Domain);
            }

            w.WriteEndArray();
            w.WriteStartArray("user_ids");
            foreach (var u in removed)
            {
                w.WriteStringValue(u);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>An event whose data is written by <paramref name="data"/>.</summary>
    public static byte[] Simple(GalleyContext ctx, string type, Guid conv, Guid from, DateTimeOffset time, Action<Utf8JsonWriter> data)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ConversationEventJson.Build(type, conv, ctx.Domain, from, time, data);
    }

    /// <summary>Pushes an event to users, from the caller's connection.</summary>
    public static Task PushAsync(GalleyContext ctx, byte[] eventJson, IEnumerable<Guid> users, ZIdentity actor, CancellationToken cancellationToken, bool transient = false)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(actor);
        return ctx.Notifier.PushAsync(eventJson, users, actor.User, actor.Connection, transient, transient ? Contracts.Push.PushRoute.Direct : Contracts.Push.PushRoute.Any, cancellationToken);
    }
}
