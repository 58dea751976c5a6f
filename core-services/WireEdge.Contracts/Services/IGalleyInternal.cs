namespace WireEdge.Contracts.Services;

/// <summary>Who is in a one-to-one conversation, following the connection's state.</summary>
public enum One2OneMembership
{
    /// <summary>Connection requested: only the requester is a member (wire-server's connect conversation).</summary>
    RequesterOnly,

    /// <summary>Connection accepted: both users are members.</summary>
    Both,

    /// <summary>Blocked, cancelled or ignored: the conversation keeps its id but the acting user leaves it.</summary>
    None,
}

/// <summary>What brig asks of galley. In-process in the all-in-one host, HTTP otherwise.</summary>
public interface IGalleyInternal
{
    /// <summary>
    /// Creates or updates the one-to-one conversation of two users (its id is deterministic from
    /// the two qualified user ids, FACTS.md §7.1) and returns its id. Emits the conversation events.
    /// </summary>
    Task<Guid> UpsertOne2OneAsync(Guid from, Guid to, One2OneMembership membership, CancellationToken cancellationToken = default);

    /// <summary>Creates the binding team a user registered with; the user becomes its owner.</summary>
    Task CreateBindingTeamAsync(Guid teamId, Guid owner, string name, string icon, string? iconKey, CancellationToken cancellationToken = default);

    /// <summary>Removes a deleted user from every conversation and team.</summary>
    Task OnUserDeletedAsync(Guid user, CancellationToken cancellationToken = default);
}
