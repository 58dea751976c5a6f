using WireEdge.Contracts.Ids;

namespace WireEdge.Contracts.Services;

/// <summary>A user as other services need to know it.</summary>
public sealed record UserSummary(Guid Id, string Name, Guid? Team, string? Handle, bool Deleted);

/// <summary>What other services (galley, gundeck) ask of brig. In-process in the all-in-one host, HTTP otherwise.</summary>
public interface IBrigInternal
{
    /// <summary>The registered clients of each user (users without clients map to an empty list; unknown users are absent).</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<ClientId>>> GetClientsAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="others"/> have an accepted connection with <paramref name="user"/>.</summary>
    Task<IReadOnlySet<Guid>> GetAcceptedConnectionsAsync(Guid user, IReadOnlyCollection<Guid> others, CancellationToken cancellationToken = default);

    /// <summary>The known users among <paramref name="users"/>.</summary>
    Task<IReadOnlyList<UserSummary>> GetUsersAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default);

    /// <summary>Records that a client fetched its notifications (its <c>last_active</c>).</summary>
    Task MarkClientActiveAsync(Guid user, ClientId client, CancellationToken cancellationToken = default);
}
