using System.Text.Json;
using System.Text.Json.Serialization;
using WireEdge.Contracts.Ids;

namespace WireEdge.Galley.Json;

public sealed class NewConversationBody
{
    [JsonPropertyName("qualified_users")] public List<QualifiedId>? QualifiedUsers { get; set; }

    [JsonPropertyName("users")] public List<Guid>? Users { get; set; }

    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("access")] public List<string>? Access { get; set; }

    /// <summary>v3+: array of roles; v0–v2: legacy string.</summary>
    [JsonPropertyName("access_role")] public JsonElement? AccessRole { get; set; }

    [JsonPropertyName("access_role_v2")] public List<string>? AccessRoleV2 { get; set; }

    [JsonPropertyName("team")] public ConversationTeamBody? Team { get; set; }

    [JsonPropertyName("message_timer")] public long? MessageTimer { get; set; }

    [JsonPropertyName("receipt_mode")] public int? ReceiptMode { get; set; }

    [JsonPropertyName("conversation_role")] public string? ConversationRole { get; set; }

    [JsonPropertyName("protocol")] public string? Protocol { get; set; }
}

public sealed class ConversationTeamBody
{
    [JsonPropertyName("teamid")] public Guid TeamId { get; set; }

    [JsonPropertyName("managed")] public bool Managed { get; set; }
}

public sealed class InviteBody
{
    [JsonPropertyName("qualified_users")] public List<QualifiedId>? QualifiedUsers { get; set; }

    [JsonPropertyName("users")] public List<Guid>? Users { get; set; }

    [JsonPropertyName("conversation_role")] public string? ConversationRole { get; set; }
}

public sealed class MemberSelfBody
{
    [JsonPropertyName("otr_muted_status")] public int? OtrMutedStatus { get; set; }

    [JsonPropertyName("otr_muted_ref")] public string? OtrMutedRef { get; set; }

    [JsonPropertyName("otr_archived")] public bool? OtrArchived { get; set; }

    [JsonPropertyName("otr_archived_ref")] public string? OtrArchivedRef { get; set; }

    [JsonPropertyName("hidden")] public bool? Hidden { get; set; }

    [JsonPropertyName("hidden_ref")] public string? HiddenRef { get; set; }
}

public sealed class RoleBody
{
    [JsonPropertyName("conversation_role")] public string? ConversationRole { get; set; }
}

public sealed class NameBody
{
    [JsonPropertyName("name")] public string? Name { get; set; }
}

public sealed class AccessBody
{
    [JsonPropertyName("access")] public List<string>? Access { get; set; }

    [JsonPropertyName("access_role")] public JsonElement? AccessRole { get; set; }

    [JsonPropertyName("access_role_v2")] public List<string>? AccessRoleV2 { get; set; }
}

public sealed class ReceiptModeBody
{
    [JsonPropertyName("receipt_mode")] public int? ReceiptMode { get; set; }
}

public sealed class MessageTimerBody
{
    [JsonPropertyName("message_timer")] public long? MessageTimer { get; set; }
}

public sealed class TypingBody
{
    [JsonPropertyName("status")] public string? Status { get; set; }
}

public sealed class ListIdsBody
{
    [JsonPropertyName("size")] public int? Size { get; set; }

    [JsonPropertyName("paging_state")] public string? PagingState { get; set; }
}

public sealed class ListConversationsBody
{
    [JsonPropertyName("qualified_ids")] public List<QualifiedId>? QualifiedIds { get; set; }
}

/// <summary>Legacy JSON <c>NewOtrMessage</c>.</summary>
public sealed class LegacyOtrMessageBody
{
    [JsonPropertyName("sender")] public string? Sender { get; set; }

    [JsonPropertyName("recipients")] public Dictionary<string, Dictionary<string, string>>? Recipients { get; set; }

    [JsonPropertyName("native_push")] public bool? NativePush { get; set; }

    [JsonPropertyName("transient")] public bool? Transient { get; set; }

    [JsonPropertyName("native_priority")] public string? NativePriority { get; set; }

    [JsonPropertyName("data")] public string? Data { get; set; }

    [JsonPropertyName("report_missing")] public List<Guid>? ReportMissing { get; set; }
}

public sealed class One2OneUpsertBody
{
    [JsonPropertyName("from")] public Guid From { get; set; }

    [JsonPropertyName("to")] public Guid To { get; set; }

    [JsonPropertyName("membership")] public string? Membership { get; set; }
}

public sealed class One2OneUpsertResponse
{
    [JsonPropertyName("conversation")] public Guid Conversation { get; set; }
}

public sealed class BindingTeamBody
{
    [JsonPropertyName("owner")] public Guid Owner { get; set; }

    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("icon")] public string? Icon { get; set; }

    [JsonPropertyName("icon_key")] public string? IconKey { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NewConversationBody))]
[JsonSerializable(typeof(InviteBody))]
[JsonSerializable(typeof(MemberSelfBody))]
[JsonSerializable(typeof(RoleBody))]
[JsonSerializable(typeof(NameBody))]
[JsonSerializable(typeof(AccessBody))]
[JsonSerializable(typeof(ReceiptModeBody))]
[JsonSerializable(typeof(MessageTimerBody))]
[JsonSerializable(typeof(TypingBody))]
[JsonSerializable(typeof(ListIdsBody))]
[JsonSerializable(typeof(ListConversationsBody))]
[JsonSerializable(typeof(LegacyOtrMessageBody))]
[JsonSerializable(typeof(One2OneUpsertBody))]
[JsonSerializable(typeof(One2OneUpsertResponse))]
[JsonSerializable(typeof(BindingTeamBody))]
public sealed partial class GalleyJsonContext : JsonSerializerContext;
