using WireEdge.Galley.Teams;

namespace WireEdge.Galley.Storage;

/// <summary>Teams and team members.</summary>
public interface ITeamStore
{
    /// <summary>Creates the team and its first member (idempotent on the team id).</summary>
    Task CreateAsync(TeamRecord team, TeamMemberRecord owner, CancellationToken cancellationToken = default);

    Task<TeamRecord?> GetAsync(Guid team, CancellationToken cancellationToken = default);

    Task<TeamMemberRecord?> GetMemberAsync(Guid team, Guid user, CancellationToken cancellationToken = default);

    /// <summary>A page of members in user id order, strictly after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<TeamMemberRecord>> ListMembersAsync(Guid team, Guid? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The teams <paramref name="user"/> is a member of.</summary>
    Task<IReadOnlyList<Guid>> TeamsOfAsync(Guid user, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="users"/> are members of <paramref name="team"/>.</summary>
    Task<IReadOnlySet<Guid>> MembersAmongAsync(Guid team, IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default);

    Task RemoveUserEverywhereAsync(Guid user, CancellationToken cancellationToken = default);
}
