using WireEdge.Brig.Passwords;
using WireEdge.Contracts.Services;

namespace WireEdge.Brig.Users;

/// <summary>The account side's answer to the device side (<see cref="IUserLookup"/>).</summary>
internal sealed class UserLookup(IUserStore users, PasswordHasher hasher) : IUserLookup
{
    public async Task<IReadOnlyList<UserSummary>> GetUsersAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        var rows = await users.GetManyAsync(ids, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new UserSummary(r.Id, r.Name, r.Team, r.Handle, r.IsDeleted))];
    }

    public async Task<bool> CheckPasswordAsync(Guid user, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        var row = await users.GetAsync(user, cancellationToken).ConfigureAwait(false);
        return await hasher.VerifyAsync(password, row is { IsDeleted: false } ? row.Password : null, cancellationToken).ConfigureAwait(false);
    }
}
