using Dapper;
using WireEdge.Brig.Storage;
using WireEdge.Storage.Connections;

namespace WireEdge.Brig.Users;

/// <summary><see cref="IUserStore"/> on SQLite and PostgreSQL (portable SQL).</summary>
internal sealed class SqlUserStore(IDbConnectionFactory db) : IUserStore
{
    private const string Columns =
        "id AS Id, name AS Name, text_status AS TextStatus, accent_id AS AccentId, assets AS Assets, email AS Email, email_key AS EmailKey, " +
        "email_activated AS EmailActivated, handle AS Handle, locale AS Locale, status AS Status, team AS Team, password AS Password, " +
        "created AS Created, searchable AS Searchable";

    public async Task<bool> InsertAsync(UserRow user, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO brig_users (id, name, name_lower, text_status, accent_id, assets, email, email_key, email_activated, handle, locale, status, team, password, created, searchable) " +
                "VALUES (@Id, @Name, @NameLower, @TextStatus, @AccentId, @Assets, @Email, @EmailKey, @EmailActivated, @Handle, @Locale, @Status, @Team, @Password, @Created, @Searchable)",
                new
                {
                    user.Id,
                    user.Name,
                    NameLower = user.Name.ToLowerInvariant(),
                    user.TextStatus,
                    user.AccentId,
                    user.Assets,
                    user.Email,
                    user.EmailKey,
                    EmailActivated = user.EmailActivated ? 1 : 0,
                    user.Handle,
                    user.Locale,
                    Status = (int)user.Status,
                    Team = user.Team?.ToString("D"),
                    user.Password,
                    user.Created,
                    Searchable = user.Searchable ? 1 : 0,
                },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<UserRow?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM brig_users WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<UserRow>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var keys = ids.Distinct().Select(i => i.ToString("D")).ToArray();
        return [.. await c.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM brig_users WHERE {SqlLists.In(db.Dialect, "id", "keys")}", new { keys }, cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    public async Task<UserRow?> GetByEmailAsync(string emailKey, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM brig_users WHERE email_key = @emailKey", new { emailKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<UserRow?> GetByHandleAsync(string handle, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM brig_users WHERE handle = @handle", new { handle }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<UserRow>> GetByHandlesAsync(IReadOnlyCollection<string> handles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handles);
        if (handles.Count == 0)
        {
            return [];
        }

        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var keys = handles.Distinct(StringComparer.Ordinal).ToArray();
        return [.. await c.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM brig_users WHERE {SqlLists.In(db.Dialect, "handle", "keys")}", new { keys }, cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    public async Task<bool> UpdateProfileAsync(Guid id, ProfileUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var n = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE brig_users SET name = COALESCE(@Name, name), name_lower = COALESCE(@NameLower, name_lower), " +
            "text_status = CASE WHEN @SetText = 1 THEN @TextStatus ELSE text_status END, " +
            "accent_id = COALESCE(@AccentId, accent_id), assets = COALESCE(@Assets, assets) WHERE id = @id AND status <> 2",
            new
            {
                id,
                update.Name,
                NameLower = update.Name?.ToLowerInvariant(),
                SetText = update.TextStatus is null ? 0 : 1,
                update.TextStatus,
                update.AccentId,
                Assets = update.AssetsJson,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return n > 0;
    }

    public Task<bool> UpdateLocaleAsync(Guid id, string locale, CancellationToken cancellationToken = default)
        => ExecuteAsync("UPDATE brig_users SET locale = @locale WHERE id = @id AND status <> 2", new { id, locale }, cancellationToken);

    public Task<bool> UpdatePasswordAsync(Guid id, string passwordHash, CancellationToken cancellationToken = default)
        => ExecuteAsync("UPDATE brig_users SET password = @passwordHash WHERE id = @id AND status <> 2", new { id, passwordHash }, cancellationToken);

    public async Task<bool> SetHandleAsync(Guid id, string handle, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ExecuteAsync("UPDATE brig_users SET handle = @handle WHERE id = @id AND status <> 2", new { id, handle }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public Task<bool> SetStatusAsync(Guid id, UserStatus status, CancellationToken cancellationToken = default)
        => ExecuteAsync("UPDATE brig_users SET status = @status WHERE id = @id AND status <> 2", new { id, status = (int)status }, cancellationToken);

    public Task<bool> ActivateEmailAsync(Guid id, CancellationToken cancellationToken = default)
        => ExecuteAsync("UPDATE brig_users SET email_activated = 1 WHERE id = @id AND email_activated = 0 AND status <> 2", new { id }, cancellationToken);

    public Task<bool> MarkDeletedAsync(Guid id, CancellationToken cancellationToken = default)
        => ExecuteAsync(
            "UPDATE brig_users SET status = 2, name = 'default', name_lower = 'default', text_status = NULL, assets = '[]', email = NULL, email_key = NULL, " +
            "email_activated = 0, handle = NULL, password = NULL, searchable = 0 WHERE id = @id AND status <> 2",
            new { id },
            cancellationToken);

    public async Task<IReadOnlySet<string>> TakenHandlesAsync(IReadOnlyCollection<string> handles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handles);
        if (handles.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var keys = handles.Distinct(StringComparer.Ordinal).ToArray();
        var taken = await c.QueryAsync<string>(new CommandDefinition(
            $"SELECT handle FROM brig_users WHERE {SqlLists.In(db.Dialect, "handle", "keys")}", new { keys }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return taken.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<UserRow>> SearchAsync(string query, Guid exclude, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = query.Trim().ToLowerInvariant().TrimStart('@');
        if (q.Length == 0)
        {
            return [];
        }

        var handle = q;
        var escaped = q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        var prefix = escaped + "%";
        var word = "% " + escaped + "%";
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Exact handle first, then handle prefixes, then name prefixes (of the name or of any word in it).
        return [.. await c.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM brig_users WHERE status = 0 AND searchable = 1 AND id <> @exclude AND " +
            "(handle = @handle OR handle LIKE @prefix ESCAPE '\\' OR name_lower LIKE @prefix ESCAPE '\\' OR name_lower LIKE @word ESCAPE '\\') " +
            "ORDER BY CASE WHEN handle = @handle THEN 0 WHEN handle LIKE @prefix ESCAPE '\\' THEN 1 ELSE 2 END, name_lower, id LIMIT @limit",
            new { exclude, handle, prefix, word, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    private async Task<bool> ExecuteAsync(string sql, object args, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }
}
