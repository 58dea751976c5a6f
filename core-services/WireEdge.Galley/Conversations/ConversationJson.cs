using System.Buffers;
using System.Text.Json;
using WireEdge.Contracts.Time;

namespace WireEdge.Galley.Conversations;

/// <summary>Writes conversations and members exactly as FACTS.md §7.1 describes them.</summary>
public static class ConversationJson
{
    public const string EpochTime = "1970-01-01T00:00:00.000Z";

    /// <summary>Serialises a conversation as seen by <paramref name="self"/>; <paramref name="legacyAccessRole"/> selects the v0–v2 (and event) schema.</summary>
    public static byte[] ToBytes(ConversationRecord conversation, IReadOnlyList<MemberRecord> members, Guid self, string domain, bool legacyAccessRole, Action<Utf8JsonWriter>? extra = null)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, conversation, members, self, domain, legacyAccessRole, extra);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter w, ConversationRecord c, IReadOnlyList<MemberRecord> members, Guid self, string domain, bool legacyAccessRole, Action<Utf8JsonWriter>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(members);
        w.WriteStartObject();
        WriteQualified(w, "qualified_id", c.Id, domain);
        w.WriteString("id", c.Id);
        w.WriteNumber("type", (int)c.Type);
        if (c.Creator is { } creator)
        {
            w.WriteString("creator", creator);
        }
        else
        {
            w.WriteNull("creator");
        }

        w.WriteStartArray("access");
        foreach (var a in c.Access)
        {
            w.WriteStringValue(a);
        }

        w.WriteEndArray();
        if (legacyAccessRole)
        {
            w.WriteString("access_role", AccessRoles.ToLegacy(c.AccessRoles));
            WriteStrings(w, "access_role_v2", c.AccessRoles);
        }
        else
        {
            WriteStrings(w, "access_role", c.AccessRoles);
        }

        WriteNullable(w, "name", c.Name);
        w.WriteString("last_event", "0.0");
        w.WriteString("last_event_time", EpochTime);
        if (c.Team is { } team)
        {
            w.WriteString("team", team);
        }
        else
        {
            w.WriteNull("team");
        }

        if (c.MessageTimer is { } timer)
        {
            w.WriteNumber("message_timer", timer);
        }
        else
        {
            w.WriteNull("message_timer");
        }

        if (c.ReceiptMode is { } receipt)
        {
            w.WriteNumber("receipt_mode", receipt);
        }
        else
        {
            w.WriteNull("receipt_mode");
        }

        w.WriteString("protocol", "proteus");
        w.WriteStartObject("members");
        var selfMember = members.FirstOrDefault(m => m.User == self);
        if (selfMember is not null)
        {
            w.WritePropertyName("self");
            WriteSelfMember(w, selfMember, domain);
        }
        else
        {
            w.WriteNull("self");
        }

        w.WriteStartArray("others");
        foreach (var m in members)
        {
            if (m.User != self)
            {
                WriteOtherMember(w, m, domain);
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        extra?.Invoke(w);
        w.WriteEndObject();
    }

    public static void WriteSelfMember(Utf8JsonWriter w, MemberRecord m, string domain)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(m);
        w.WriteStartObject();
        WriteQualified(w, "qualified_id", m.User, domain);
        w.WriteString("id", m.User);
        w.WriteNull("service");
        w.WriteNumber("status", 0);
        w.WriteString("status_ref", "0.0");
        w.WriteString("status_time", EpochTime);
        if (m.OtrMutedStatus is { } muted)
        {
            w.WriteNumber("otr_muted_status", muted);
        }
        else
        {
            w.WriteNull("otr_muted_status");
        }

        WriteNullable(w, "otr_muted_ref", m.OtrMutedRef);
        w.WriteBoolean("otr_archived", m.OtrArchived);
        WriteNullable(w, "otr_archived_ref", m.OtrArchivedRef);
        w.WriteBoolean("hidden", m.Hidden);
        WriteNullable(w, "hidden_ref", m.HiddenRef);
        w.WriteString("conversation_role", m.Role);
        w.WriteEndObject();
    }

    public static void WriteOtherMember(Utf8JsonWriter w, MemberRecord m, string domain)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(m);
        w.WriteStartObject();
        WriteQualified(w, "qualified_id", m.User, domain);
        w.WriteString("id", m.User);
        w.WriteNumber("status", 0);
        w.WriteString("conversation_role", m.Role);
        w.WriteEndObject();
    }

    public static void WriteQualified(Utf8JsonWriter w, string property, Guid id, string domain)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject(property);
        w.WriteString("id", id);
        w.WriteString("domain", domain);
        w.WriteEndObject();
    }

    public static void WriteQualifiedValue(Utf8JsonWriter w, Guid id, string domain)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("domain", domain);
        w.WriteEndObject();
    }

    public static void WriteStrings(Utf8JsonWriter w, string property, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(values);
        w.WriteStartArray(property);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string property, string? value)
    {
        if (value is null)
        {
            w.WriteNull(property);
        }
        else
        {
            w.WriteString(property, value);
        }
    }

    /// <summary>Event time rendering (milliseconds).</summary>
    public static string Time(DateTimeOffset time) => WireTime.Millis(time);
}
