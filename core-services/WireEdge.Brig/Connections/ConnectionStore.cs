using System.Data.Common;
using Dapper;
using WireEdge.Brig.Clients;
using WireEdge.Brig.Internal;
using WireEdge.Storage.Connections;

namespace WireEdge.Brig.Connections;

/// <summary>What a connection change did: the rows after it (null = that side unchanged), or the error label.</summary>
public sealed record ConnectionChange(StoredConnection? Self, StoredConnection? Other, Transition Transition, StoredConnection? Existing);

/// <summary>Both directions of user connections.</summary>
public interface IConnectionStore
{
    Task<StoredConnection?> GetAsync(Guid from, Guid to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads both sides, asks <paramref name="decide"/> (current self status, other status) for the
    /// transition, enforces the connection limit, and writes it, all in one transaction.
    /// </summary>
    Task<ConnectionChange> ChangeAsync(Guid self, Guid other, string otherDomain, Func<string?, string?, Transition> decide, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records the one-to-one conversation on both sides.</summary>
    Task SetConversationAsync(Guid a, Guid b, Guid conversation, CancellationToken cancellationToken = default);

    /// <summary>A page of <paramref name="from"/>'s connections ordered by the other user, after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<StoredConnection>> ListAsync(Guid from, Guid? after, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlySet<Guid>> AcceptedAmongAsync(Guid user, IReadOnlyCollection<Guid> others, CancellationToken cancellationToken = default);
}

public sealed class SqlConnectionStore(IDbConnectionFactory db) : IConnectionStore
{
    private const string Columns = "from_user AS FromUser, to_user AS ToUser, to_domain AS ToDomain, status AS Status, last_update_ms AS LastUpdateMs, conversation AS Conversation";

    public async Task<StoredConnection?> GetAsync(Guid from, Guid to, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(c, null, from, to).ConfigureAwait(false);
    }

    public async Task<ConnectionChange> ChangeAsync(Guid self, Guid other, string otherDomain, Func<string?, string?, Transition> decide, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Lock the caller (the limit is per user) and then the other side, in a fixed order.
        var (first, second) = self.CompareTo(other) < 0 ? (self, other) : (other, self);
        await using var tx = await DeviceSchema.BeginUserWriteAsync(c, db.Dialect, first, cancellationToken).ConfigureAwait(false);
        if (db.Dialect.IsPostgres)
        {
            await c.ExecuteAsync("SELECT pg_advisory_xact_lock(@k)", new { k = DeviceSchema.LockKeyOf(second) }, tx).ConfigureAwait(false);
        }

        var s2o = await GetAsync(c, tx, self, other).ConfigureAwait(false);
        var o2s = await GetAsync(c, tx, other, self).ConfigureAwait(false);
        var t = decide(s2o?.Status, o2s?.Status);
        if (t.ErrorLabel is not null || t.IsNoChange)
        {
            return new ConnectionChange(null, null, t, s2o);
        }

        if (t.Activates(s2o?.Status))
        {
            var active = await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM brig_connections WHERE from_user = @self AND status IN ('accepted', 'sent')", new { self }, tx).ConfigureAwait(false);
            if (active >= ConnectionRules.MaxConnections)
            {
                return new ConnectionChange(null, null, Transition.Fail("connection-limit"), s2o);
            }
        }

        StoredConnection? newSelf = null, newOther = null;
        if (t.Self is { } selfStatus)
        {
            newSelf = new StoredConnection(self, other, otherDomain, selfStatus, now, s2o?.Conversation);
            await UpsertAsync(c, tx, newSelf).ConfigureAwait(false);
        }

        if (t.Other is { } otherStatus)
        {
            newOther = new StoredConnection(other, self, o2s?.ToDomain ?? otherDomain, otherStatus, now, o2s?.Conversation ?? s2o?.Conversation);
            await UpsertAsync(c, tx, newOther).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ConnectionChange(newSelf, newOther, t, s2o);
    }

    public async Task SetConversationAsync(Guid a, Guid b, Guid conversation, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(
            "UPDATE brig_connections SET conversation = @conversation WHERE (from_user = @a AND to_user = @b) OR (from_user = @b AND to_user = @a)",
            new { a, b, conversation }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredConnection>> ListAsync(Guid from, Guid? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await c.QueryAsync<Row>(
            $"SELECT {Columns} FROM brig_connections WHERE from_user = @from{(after is null ? string.Empty : " AND to_user > @after")} ORDER BY to_user LIMIT @limit",
            new { from, after = after?.ToString("D"), limit }).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToConnection())];
    }

    public async Task<IReadOnlySet<Guid>> AcceptedAmongAsync(Guid user, IReadOnlyCollection<Guid> others, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(others);
        var result = new HashSet<Guid>();
        if (others.Count == 0)
        {
            return result;
        }

        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in others.Distinct().Chunk(500))
        {
            var p = SqlClientStore.InParams(chunk);
            p.Add("user", user);
            var ids = await c.QueryAsync<Guid>(
                $"SELECT to_user FROM brig_connections WHERE from_user = @user AND status = 'accepted' AND to_user IN ({SqlClientStore.InList(chunk.Length)})", p).ConfigureAwait(false);
            result.UnionWith(ids);
        }

        return result;
    }

    private static async Task<StoredConnection?> GetAsync(DbConnection c, DbTransaction? tx, Guid from, Guid to)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM brig_connections WHERE from_user = @from AND to_user = @to", new { from, to }, tx).ConfigureAwait(false);
        return row?.ToConnection();
    }

    private static Task UpsertAsync(DbConnection c, DbTransaction tx, StoredConnection s)
        => c.ExecuteAsync(
            """
            INSERT INTO brig_connections (from_user, to_user, to_domain, status, last_update_ms, conversation)
            VALUES (@From, @To, @ToDomain, @Status, @Ms, @Conversation)
            ON CONFLICT (from_user, to_user) DO UPDATE SET status = excluded.status, last_update_ms = excluded.last_update_ms
            """,
            new { s.From, s.To, s.ToDomain, s.Status, Ms = s.LastUpdate.ToUnixTimeMilliseconds(), Conversation = s.Conversation?.ToString("D") },
            tx);

    private sealed class Row
    {
        public Guid FromUser { get; set; }

        public Guid ToUser { get; set; }

        public string ToDomain { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public long LastUpdateMs { get; set; }

        public string? Conversation { get; set; }

        public StoredConnection ToConnection() => new(
            FromUser, ToUser, ToDomain, Status, DateTimeOffset.FromUnixTimeMilliseconds(LastUpdateMs), Conversation is null ? null : Guid.Parse(Conversation));
    }
}
