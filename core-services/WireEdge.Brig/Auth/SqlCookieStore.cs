using Dapper;
using WireEdge.Brig.Storage;
using WireEdge.Storage.Connections;

namespace WireEdge.Brig.Auth;

/// <summary><see cref="ICookieStore"/> on SQLite and PostgreSQL.</summary>
internal sealed class SqlCookieStore(IDbConnectionFactory db) : ICookieStore
{
    private const string Columns =
        "user_id AS UserId, id AS Id, persistent AS Persistent, created AS Created, expires AS Expires, label AS Label, succ_id AS SuccId, client AS Client";

    public async Task InsertAsync(CookieRow cookie, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO brig_cookies (user_id, id, persistent, created, expires, label, succ_id, client) " +
            "VALUES (@UserId, @Id, @Persistent, @Created, @Expires, @Label, @SuccId, @Client) " +
            "ON CONFLICT (user_id, id) DO UPDATE SET persistent = excluded.persistent, created = excluded.created, expires = excluded.expires, " +
            "label = excluded.label, succ_id = excluded.succ_id, client = excluded.client",
            new
            {
                cookie.UserId,
                cookie.Id,
                Persistent = cookie.Persistent ? 1 : 0,
                cookie.Created,
                cookie.Expires,
                cookie.Label,
                cookie.SuccId,
                cookie.Client,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<CookieRow?> GetAsync(Guid user, long id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.QuerySingleOrDefaultAsync<CookieRow>(new CommandDefinition(
            $"SELECT {Columns} FROM brig_cookies WHERE user_id = @user AND id = @id", new { user, id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CookieRow>> ListAsync(Guid user, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return [.. await c.QueryAsync<CookieRow>(new CommandDefinition(
            $"SELECT {Columns} FROM brig_cookies WHERE user_id = @user ORDER BY created, id", new { user }, cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    public async Task<int> DeleteAsync(Guid user, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM brig_cookies WHERE user_id = @user AND {SqlLists.In(db.Dialect, "id", "ids")}", new { user, ids = ids.ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<int> DeleteByLabelsAsync(Guid user, IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            return 0;
        }

        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM brig_cookies WHERE user_id = @user AND {SqlLists.In(db.Dialect, "label", "labels")}", new { user, labels = labels.ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<int> DeleteAllAsync(Guid user, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM brig_cookies WHERE user_id = @user", new { user }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task SetSuccessorAsync(Guid user, long id, long successor, long expires, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE brig_cookies SET succ_id = @successor, expires = CASE WHEN expires < @expires THEN expires ELSE @expires END WHERE user_id = @user AND id = @id",
            new { user, id, successor, expires },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<int> EvictAsync(Guid user, int limit, long nowMillis, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var n = await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM brig_cookies WHERE user_id = @user AND expires <= @nowMillis", new { user, nowMillis }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var over = await c.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM brig_cookies WHERE user_id = @user ORDER BY created DESC, id DESC LIMIT -1 OFFSET @limit".Replace("LIMIT -1 ", db.Dialect.IsSqlite ? "LIMIT -1 " : string.Empty, StringComparison.Ordinal),
            new { user, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var ids = over.ToArray();
        if (ids.Length > 0)
        {
            n += await c.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM brig_cookies WHERE user_id = @user AND {SqlLists.In(db.Dialect, "id", "ids")}", new { user, ids }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return n;
    }
}
