namespace WireEdge.Brig.Users;

/// <summary>Profile fields changed by <c>PUT /self</c>; null = unchanged.</summary>
public sealed record ProfileUpdate(string? Name, string? TextStatus, int? AccentId, string? AssetsJson);

/// <summary>Brig's user accounts (table <c>brig_users</c>).</summary>
public interface IUserStore
{
    /// <summary>Inserts a new user; false when the e-mail (or handle) is already taken.</summary>
    Task<bool> InsertAsync(UserRow user, CancellationToken cancellationToken = default);

    Task<UserRow?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UserRow>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    Task<UserRow?> GetByEmailAsync(string emailKey, CancellationToken cancellationToken = default);

    Task<UserRow?> GetByHandleAsync(string handle, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UserRow>> GetByHandlesAsync(IReadOnlyCollection<string> handles, CancellationToken cancellationToken = default);

    Task<bool> UpdateProfileAsync(Guid id, ProfileUpdate update, CancellationToken cancellationToken = default);

    Task<bool> UpdateLocaleAsync(Guid id, string locale, CancellationToken cancellationToken = default);

    Task<bool> UpdatePasswordAsync(Guid id, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Sets the handle; false when another user holds it.</summary>
    Task<bool> SetHandleAsync(Guid id, string handle, CancellationToken cancellationToken = default);

    Task<bool> SetStatusAsync(Guid id, UserStatus status, CancellationToken cancellationToken = default);

    Task<bool> ActivateEmailAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Marks the user deleted and frees its e-mail and handle; false if it was already deleted.</summary>
    Task<bool> MarkDeletedAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="handles"/> are held by some user.</summary>
    Task<IReadOnlySet<string>> TakenHandlesAsync(IReadOnlyCollection<string> handles, CancellationToken cancellationToken = default);

    /// <summary>Searchable, non-deleted users whose handle or name matches <paramref name="query"/> (exact handle first).</summary>
    Task<IReadOnlyList<UserRow>> SearchAsync(string query, Guid exclude, int limit, CancellationToken cancellationToken = default);
}
