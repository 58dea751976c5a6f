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

    /// <summary>Claims one prekey of each client, all in one transaction (one commit for a whole bundle).</summary>
    Task<IReadOnlyList<Prekey?>> ClaimManyAsync(IReadOnlyList<(Guid User, ClientId Client)> clients, CancellationToken cancellationToken = default);

    /// <summary>The ids of the client's remaining prekeys (the last-resort key included).</summary>
    Task<IReadOnlyList<int>> ListIdsAsync(Guid user, ClientId client, CancellationToken cancellationToken = default);
}

public sealed class PrekeyStore(IDbConnectionFactory db) : IPrekeyStore
{
    public async Task<Prekey?> ClaimAsync(Guid user, ClientId client, CancellationToken cancellationToken = default)
        => (await ClaimManyAsync([(user, client)], cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<Prekey?>> ClaimManyAsync(IReadOnlyList<(Guid User, ClientId Client)> clients, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var result = new Prekey?[clients.Count];
        if (clients.Count == 0)
        {
            return result;
        }

        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Each claim is one statement that deletes and returns the lowest non-last-resort key. On
        // PostgreSQL the row is picked with FOR UPDATE SKIP LOCKED, so concurrent claims each take a
        // different row; on SQLite the write transaction (BEGIN IMMEDIATE) admits one claimer at a
        // time. A batch commits once; a single claim on PostgreSQL runs as one autocommitted statement.
        await using var tx = db.Dialect.IsPostgres && clients.Count == 1
            ? null
            : await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var claimSql = ClaimSql;
        for (var i = 0; i < clients.Count; i++)
        {
            var args = new { user = clients[i].User, client = clients[i].Client.ToDb(), last = ClientRules.LastPrekeyId };
            var row = await c.QuerySingleOrDefaultAsync<KeyRow>(claimSql, args, tx).ConfigureAwait(false)
                ?? await c.QuerySingleOrDefaultAsync<KeyRow>(LastResortSql, args, tx).ConfigureAwait(false);
            result[i] = row is null ? null : new Prekey(row.Id, row.KeyData);
        }

        if (tx is not null)
        {
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
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
        // One multi-row statement per 500 keys instead of a round trip per key.
        foreach (var chunk in prekeys.Chunk(500))
        {
            var p = new DynamicParameters();
            p.Add("user", user);
            p.Add("client", client.ToDb());
            var values = new System.Text.StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                var n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                values.Append(i == 0 ? string.Empty : ", ").Append("(@user, @client, @i").Append(n).Append(", @k").Append(n).Append(')');
                p.Add("i" + n, chunk[i].Id);
                p.Add("k" + n, chunk[i].Key);
            }

            await c.ExecuteAsync(
                $"INSERT INTO brig_prekeys (user_id, client_id, key_id, key_data) VALUES {values} ON CONFLICT (user_id, client_id, key_id) DO UPDATE SET key_data = excluded.key_data",
                p,
                tx).ConfigureAwait(false);
        }
    }

    private const string LastResortSql =
        "SELECT key_id AS Id, key_data AS KeyData FROM brig_prekeys WHERE user_id = @user AND client_id = @client AND key_id = @last";

    private string ClaimSql => $"""
        DELETE FROM brig_prekeys
        WHERE user_id = @user AND client_id = @client AND key_id = (
            SELECT key_id FROM brig_prekeys
            WHERE user_id = @user AND client_id = @client AND key_id <> @last
            ORDER BY key_id LIMIT 1{db.Dialect.ForUpdateSkipLocked})
        RETURNING key_id AS Id, key_data AS KeyData
        """;

    private sealed class KeyRow
    {
        public int Id { get; set; }

        public string KeyData { get; set; } = string.Empty;
    }
}
