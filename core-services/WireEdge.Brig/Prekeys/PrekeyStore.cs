using System.Data.Common;
using Dapper;
using WireEdge.Brig.Clients;
using WireEdge.Brig.Internal;
using WireEdge.Contracts.Ids;
using WireEdge.Storage.Connections;

namespace WireEdge.Brig.Prekeys;

/// <summary>Claiming prekeys: each claim consumes one prekey; the last-resort key is never consumed.</summary>
public interface IPrekeyStore
{
    /// <summary>
    /// Claims one prekey of the client: the lowest remaining id, deleted as it is handed out, or the
    /// last-resort key once the others are gone. Null when the client has no keys (unknown client).
    /// </summary>
    Task<Prekey?> ClaimAsync(Guid user, ClientId client, CancellationToken cancellationToken = default);

    /// <summary>The ids of the client's remaining prekeys (the last-resort key included).</summary>
    Task<IReadOnlyList<int>> ListIdsAsync(Guid user, ClientId client, CancellationToken cancellationToken = default);
}

public sealed class PrekeyStore(IDbConnectionFactory db) : IPrekeyStore
{
    public async Task<Prekey?> ClaimAsync(Guid user, ClientId client, CancellationToken cancellationToken = default)
    {
        var args = new { user, client = client.ToDb(), last = ClientRules.LastPrekeyId };
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);

        // One statement deletes and returns the lowest non-last-resort key. On PostgreSQL the row is
        // picked with FOR UPDATE SKIP LOCKED, so concurrent claims each take a different row; on
        // SQLite the write transaction (BEGIN IMMEDIATE) admits one claimer at a time.
        var claimed = await ClaimOneAsync(c, args, cancellationToken).ConfigureAwait(false);
        if (claimed is not null)
        {
            return claimed;
        }

        var last = await c.QuerySingleOrDefaultAsync<KeyRow>(
            "SELECT key_id AS Id, key_data AS KeyData FROM brig_prekeys WHERE user_id = @user AND client_id = @client AND key_id = @last",
            args).ConfigureAwait(false);
        return last is null ? null : new Prekey(last.Id, last.KeyData);
    }

    public async Task<IReadOnlyList<int>> ListIdsAsync(Guid user, ClientId client, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var ids = await c.QueryAsync<int>(
            "SELECT key_id FROM brig_prekeys WHERE user_id = @user AND client_id = @client ORDER BY key_id",
            new { user, client = client.ToDb() }).ConfigureAwait(false);
        return [.. ids];
    }

    /// <summary>Inserts or replaces prekeys of a client inside the caller's transaction.</summary>
    internal static async Task UpsertAsync(DbConnection c, DbTransaction tx, Guid user, ClientId client, IReadOnlyList<Prekey> prekeys)
    {
        if (prekeys.Count == 0)
        {
            return;
        }

        await c.ExecuteAsync(
            "INSERT INTO brig_prekeys (user_id, client_id, key_id, key_data) VALUES (@user, @client, @Id, @Key) ON CONFLICT (user_id, client_id, key_id) DO UPDATE SET key_data = excluded.key_data",
            prekeys.Select(p => new { user, client = client.ToDb(), p.Id, p.Key }),
            tx).ConfigureAwait(false);
    }

    private async Task<Prekey?> ClaimOneAsync(DbConnection c, object args, CancellationToken cancellationToken)
    {
        var sql = $"""
            DELETE FROM brig_prekeys
            WHERE user_id = @user AND client_id = @client AND key_id = (
                SELECT key_id FROM brig_prekeys
                WHERE user_id = @user AND client_id = @client AND key_id <> @last
                ORDER BY key_id LIMIT 1{db.Dialect.ForUpdateSkipLocked})
            RETURNING key_id AS Id, key_data AS KeyData
            """;
        if (db.Dialect.IsPostgres)
        {
            var row = await c.QuerySingleOrDefaultAsync<KeyRow>(sql, args).ConfigureAwait(false);
            return row is null ? null : new Prekey(row.Id, row.KeyData);
        }

        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await c.QuerySingleOrDefaultAsync<KeyRow>(sql, args, tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claimed is null ? null : new Prekey(claimed.Id, claimed.KeyData);
    }

    private sealed class KeyRow
    {
        public int Id { get; set; }

        public string KeyData { get; set; } = string.Empty;
    }
}
