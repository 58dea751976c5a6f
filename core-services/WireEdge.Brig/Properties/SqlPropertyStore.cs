using Dapper;
using WireEdge.Storage.Connections;

namespace WireEdge.Brig.Properties;

/// <summary><see cref="IPropertyStore"/> on SQLite and PostgreSQL.</summary>
internal sealed class SqlPropertyStore(IDbConnectionFactory db) : IPropertyStore
{
    public async Task<bool> SetAsync(Guid user, string key, string jsonValue, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Count check and write are not atomic; concurrent PUTs of new keys may overshoot by a few, as in wire-server.
        var others = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM brig_properties WHERE user_id = @user AND prop_key <> @key", new { user, key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (others >= maxCount)
        {
            return false;
        }

        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO brig_properties (user_id, prop_key, prop_value) VALUES (@user, @key, @jsonValue) " +
            "ON CONFLICT (user_id, prop_key) DO UPDATE SET prop_value = excluded.prop_value",
            new { user, key, jsonValue },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return true;
    }

    public async Task<string?> GetAsync(Guid user, string key, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT prop_value FROM brig_properties WHERE user_id = @user AND prop_key = @key", new { user, key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<KeyValuePair<string, string>>> GetAllAsync(Guid user, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await c.QueryAsync<(string Key, string Value)>(new CommandDefinition(
            "SELECT prop_key, prop_value FROM brig_properties WHERE user_id = @user ORDER BY prop_key", new { user }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new KeyValuePair<string, string>(r.Key, r.Value))];
    }

    public async Task<bool> DeleteAsync(Guid user, string key, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM brig_properties WHERE user_id = @user AND prop_key = @key", new { user, key }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    public async Task<int> ClearAsync(Guid user, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM brig_properties WHERE user_id = @user", new { user }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
