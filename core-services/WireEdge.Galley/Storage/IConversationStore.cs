using WireEdge.Galley.Conversations;

namespace WireEdge.Galley.Storage;

/// <summary>Conversations and their members.</summary>
public interface IConversationStore
{
    /// <summary>Creates the conversation with its members; false (and nothing written) when the id exists.</summary>
    Task<bool> CreateAsync(ConversationRecord conversation, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default);

    Task<ConversationRecord?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The conversations among <paramref name="ids"/> that exist.</summary>
    Task<IReadOnlyList<ConversationRecord>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MemberRecord>> GetMembersAsync(Guid conversation, CancellationToken cancellationToken = default);

    /// <summary>The members of several conversations at once.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<MemberRecord>>> GetMembersOfManyAsync(IReadOnlyCollection<Guid> conversations, CancellationToken cancellationToken = default);

    Task<MemberRecord?> GetMemberAsync(Guid conversation, Guid user, CancellationToken cancellationToken = default);

    /// <summary>Only the member ids (message fan-out).</summary>
    Task<IReadOnlyList<Guid>> GetMemberIdsAsync(Guid conversation, CancellationToken cancellationToken = default);

    /// <summary>Adds members who are not members yet; returns the ones added.</summary>
    Task<IReadOnlyList<MemberRecord>> AddMembersAsync(Guid conversation, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default);

    Task<bool> RemoveMemberAsync(Guid conversation, Guid user, CancellationToken cancellationToken = default);

    Task UpdateSelfAsync(Guid conversation, Guid user, MemberSelfUpdate update, CancellationToken cancellationToken = default);

    Task SetRoleAsync(Guid conversation, Guid user, string role, CancellationToken cancellationToken = default);

    Task SetNameAsync(Guid conversation, string name, CancellationToken cancellationToken = default);

    Task SetAccessAsync(Guid conversation, IReadOnlyList<string> access, IReadOnlyList<string> accessRoles, CancellationToken cancellationToken = default);

    Task SetReceiptModeAsync(Guid conversation, int receiptMode, CancellationToken cancellationToken = default);

    Task SetMessageTimerAsync(Guid conversation, long? messageTimer, CancellationToken cancellationToken = default);

    Task SetTypeAsync(Guid conversation, ConversationType type, CancellationToken cancellationToken = default);

    /// <summary>A page of the user's conversation ids in id order, strictly after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<Guid>> ListIdsAsync(Guid user, Guid? after, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Guid>> ListTeamConversationsAsync(Guid team, CancellationToken cancellationToken = default);
}
