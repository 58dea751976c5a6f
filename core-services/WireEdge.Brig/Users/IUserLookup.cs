using WireEdge.Contracts.Services;

namespace WireEdge.Brig.Users;

/// <summary>
/// The seam between brig's account side (users, login, profiles) and its device side (clients,
/// prekeys, connections): the device side asks the account side through these, never its tables.
/// </summary>
public interface IUserLookup
{
    /// <summary>The known, non-deleted users among <paramref name="users"/> (deleted ones with <c>Deleted = true</c>).</summary>
    Task<IReadOnlyList<UserSummary>> GetUsersAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="password"/> is the user's current password (Argon2id check, bounded concurrency).</summary>
    Task<bool> CheckPasswordAsync(Guid user, string password, CancellationToken cancellationToken = default);
}
