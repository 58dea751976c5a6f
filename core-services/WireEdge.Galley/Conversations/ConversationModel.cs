namespace WireEdge.Galley.Conversations;

/// <summary>Conversation types as the API numbers them (FACTS.md §7.1).</summary>
public enum ConversationType
{
    Regular = 0,
    Self = 1,
    One2One = 2,
    Connect = 3,
}

/// <summary>A stored conversation. Access modes and access roles are their wire names.</summary>
public sealed record ConversationRecord(
    Guid Id,
    ConversationType Type,
    Guid? Creator,
    string? Name,
    IReadOnlyList<string> Access,
    IReadOnlyList<string> AccessRoles,
    Guid? Team,
    long? MessageTimer,
    int? ReceiptMode);

/// <summary>A member as stored, with the member's own settings.</summary>
public sealed record MemberRecord(
    Guid User,
    string Role,
    int? OtrMutedStatus = null,
    string? OtrMutedRef = null,
    bool OtrArchived = false,
    string? OtrArchivedRef = null,
    bool Hidden = false,
    string? HiddenRef = null);

/// <summary>A change to a member's own settings (<c>PUT .../self</c>); null fields are left alone.</summary>
public sealed record MemberSelfUpdate(
    int? OtrMutedStatus,
    string? OtrMutedRef,
    bool? OtrArchived,
    string? OtrArchivedRef,
    bool? Hidden,
    string? HiddenRef);
