using System.Data.Common;
using Dapper;
using WireEdge.Brig.Internal;
using WireEdge.Contracts.Ids;
using WireEdge.Storage.Connections;

namespace WireEdge.Brig.Clients;

/// <summary>A client to add (or to update, when the user already has a client with this id).</summary>
public sealed record NewClient(
    Guid User,
    ClientId Id,
    string Type,
    string? Class,
    string? Label,
    string? Model,
    string? Cookie,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<Prekey> Prekeys,
    Prekey LastKey);

public enum AddClientStatus
{
    Added,
    Updated,
    TooManyClients,
    NeedsReauthentication,
}

/// <summary>Outcome of <see cref="IClientStore.AddAsync"/>; <see cref="Replaced"/> lists temporary clients the new one replaced.</summary>
public sealed record AddClientResult(AddClientStatus Status, StoredClient? Client, IReadOnlyList<ClientId> Replaced);

/// <summary>Clients of users and their prekeys.</summary>
public interface IClientStore
{
    Task<IReadOnlyList<StoredClient>> ListAsync(Guid user, CancellationToken cancellationToken = default);

    Task<StoredClient?> GetAsync(Guid user, ClientId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds or updates a client atomically with its prekeys. Unless <paramref name="reauthenticated"/>,
    /// adding a new client next to one of the same type answers <see cref="AddClientStatus.NeedsReauthentication"/>.
    /// </summary>
    Task<AddClientResult> AddAsync(NewClient client, bool reauthenticated, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Updates label, capabilities and prekeys; false when the client does not exist.</summary>
    Task<bool> UpdateAsync(Guid user, ClientId id, string? label, IReadOnlyList<string>? capabilities, IReadOnlyList<Prekey> prekeys, Prekey? lastKey, CancellationToken cancellationToken = default);

    /// <summary>Deletes a client and its prekeys; false when it did not exist.</summary>
    Task<bool> DeleteAsync(Guid user, ClientId id, CancellationToken cancellationToken = default);

    /// <summary>The clients (id and class) of each user; users without clients are absent.</summary>
    Task<IReadOnlyDictionary<Guid, List<PubClient>>> ListPublicAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default);

    Task MarkActiveAsync(Guid user, ClientId id, DateTimeOffset now, CancellationToken cancellationToken = default);
}

public sealed class SqlClientStore(IDbConnectionFactory db) : IClientStore
{
    private const string Columns = "user_id AS UserId, client_id AS Id, type AS Type, class AS Class, label AS Label, model AS Model, cookie AS Cookie, capabilities AS Capabilities, created_ms AS CreatedMs, last_active_ms AS LastActiveMs";

    public async Task<IReadOnlyList<StoredClient>> ListAsync(Guid user, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ListAsync(c, null, user).ConfigureAwait(false);
    }

    public async Task<StoredClient?> GetAsync(Guid user, ClientId id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await c.QuerySingleOrDefaultAsync<ClientRow>(
            $"SELECT {Columns} FROM brig_clients WHERE user_id = @user AND client_id = @id", new { user, id = id.ToDb() }).ConfigureAwait(false);
        return row?.ToClient();
    }

    public async Task<AddClientResult> AddAsync(NewClient client, bool reauthenticated, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await DeviceSchema.BeginUserWriteAsync(c, db.Dialect, client.User, cancellationToken).ConfigureAwait(false);
        var existing = await ListAsync(c, tx, client.User).ConfigureAwait(false);
        var same = existing.FirstOrDefault(e => e.Id == client.Id);
        var replaced = new List<ClientId>();
        if (same is null)
        {
            if (!reauthenticated && existing.Any(e => e.Type == client.Type))
            {
                return new AddClientResult(AddClientStatus.NeedsReauthentication, null, []);
            }

            if (client.Type == "permanent" && existing.Count(e => e.Type == "permanent") >= ClientRules.MaxPermanentClients)
            {
                return new AddClientResult(AddClientStatus.TooManyClients, null, []);
            }

            if (client.Type == "temporary")
            {
                foreach (var old in existing.Where(e => e.Type == "temporary"))
                {
                    await DeleteAsync(c, tx, client.User, old.Id).ConfigureAwait(false);
                    replaced.Add(old.Id);
                }
            }

            await c.ExecuteAsync(
                "INSERT INTO brig_clients (user_id, client_id, type, class, label, model, cookie, capabilities, created_ms) VALUES (@User, @Id, @Type, @Class, @Label, @Model, @Cookie, @Caps, @Now)",
                new { client.User, Id = client.Id.ToDb(), client.Type, client.Class, client.Label, client.Model, client.Cookie, Caps = string.Join(',', client.Capabilities), Now = now.ToUnixTimeMilliseconds() },
                tx).ConfigureAwait(false);
        }
        else
        {
            await c.ExecuteAsync(
                "UPDATE brig_clients SET class = COALESCE(@Class, class), label = COALESCE(@Label, label), model = COALESCE(@Model, model), cookie = COALESCE(@Cookie, cookie), capabilities = @Caps WHERE user_id = @User AND client_id = @Id",
                new { client.User, Id = client.Id.ToDb(), client.Class, client.Label, client.Model, client.Cookie, Caps = string.Join(',', client.Capabilities.Union(same.Capabilities)) },
                tx).ConfigureAwait(false);
        }

        await Prekeys.PrekeyStore.UpsertAsync(c, tx, client.User, client.Id, [.. client.Prekeys, client.LastKey]).ConfigureAwait(false);
        var stored = await c.QuerySingleAsync<ClientRow>(
            $"SELECT {Columns} FROM brig_clients WHERE user_id = @User AND client_id = @Id", new { client.User, Id = client.Id.ToDb() }, tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AddClientResult(same is null ? AddClientStatus.Added : AddClientStatus.Updated, stored.ToClient(), replaced);
    }

    public async Task<bool> UpdateAsync(Guid user, ClientId id, string? label, IReadOnlyList<string>? capabilities, IReadOnlyList<Prekey> prekeys, Prekey? lastKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prekeys);
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await DeviceSchema.BeginUserWriteAsync(c, db.Dialect, user, cancellationToken).ConfigureAwait(false);
        var n = await c.ExecuteAsync(
            "UPDATE brig_clients SET label = COALESCE(@label, label), capabilities = COALESCE(@caps, capabilities) WHERE user_id = @user AND client_id = @id",
            new { user, id = id.ToDb(), label, caps = capabilities is null ? null : string.Join(',', capabilities) },
            tx).ConfigureAwait(false);
        if (n == 0)
        {
            return false;
        }

        await Prekeys.PrekeyStore.UpsertAsync(c, tx, user, id, lastKey is null ? prekeys : [.. prekeys, lastKey]).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> DeleteAsync(Guid user, ClientId id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await DeviceSchema.BeginUserWriteAsync(c, db.Dialect, user, cancellationToken).ConfigureAwait(false);
        var deleted = await DeleteAsync(c, tx, user, id).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    public async Task<IReadOnlyDictionary<Guid, List<PubClient>>> ListPublicAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        var result = new Dictionary<Guid, List<PubClient>>();
        if (users.Count == 0)
        {
            return result;
        }

        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in users.Distinct().Chunk(500))
        {
            var rows = await c.QueryAsync<(Guid User, long Id, string? Class)>(
                $"SELECT user_id, client_id, class FROM brig_clients WHERE user_id IN ({InList(chunk.Length)}) ORDER BY user_id, client_id",
                InParams(chunk)).ConfigureAwait(false);
            foreach (var r in rows)
            {
                if (!result.TryGetValue(r.User, out var list))
                {
                    result[r.User] = list = [];
                }

                list.Add(new PubClient(DeviceSchema.FromDb(r.Id), r.Class));
            }
        }

        return result;
    }

    public async Task MarkActiveAsync(Guid user, ClientId id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await c.ExecuteAsync(
            "UPDATE brig_clients SET last_active_ms = @now WHERE user_id = @user AND client_id = @id",
            new { user, id = id.ToDb(), now = now.ToUnixTimeMilliseconds() }).ConfigureAwait(false);
    }

    internal static string InList(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    internal static DynamicParameters InParams(IReadOnlyList<Guid> ids)
    {
        var p = new DynamicParameters();
        for (var i = 0; i < ids.Count; i++)
        {
            p.Add("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), ids[i]);
        }

        return p;
    }

    private static async Task<IReadOnlyList<StoredClient>> ListAsync(DbConnection c, DbTransaction? tx, Guid user)
    {
        var rows = await c.QueryAsync<ClientRow>(
            $"SELECT {Columns} FROM brig_clients WHERE user_id = @user ORDER BY created_ms, client_id", new { user }, tx).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToClient())];
    }

    private static async Task<bool> DeleteAsync(DbConnection c, DbTransaction tx, Guid user, ClientId id)
    {
        await c.ExecuteAsync("DELETE FROM brig_prekeys WHERE user_id = @user AND client_id = @id", new { user, id = id.ToDb() }, tx).ConfigureAwait(false);
        return await c.ExecuteAsync("DELETE FROM brig_clients WHERE user_id = @user AND client_id = @id", new { user, id = id.ToDb() }, tx).ConfigureAwait(false) > 0;
    }

    private sealed class ClientRow
    {
        public Guid UserId { get; set; }

        public long Id { get; set; }

        public string Type { get; set; } = string.Empty;

        public string? Class { get; set; }

        public string? Label { get; set; }

        public string? Model { get; set; }

        public string? Cookie { get; set; }

        public string Capabilities { get; set; } = string.Empty;

        public long CreatedMs { get; set; }

        public long? LastActiveMs { get; set; }

        public StoredClient ToClient() => new(
            UserId,
            DeviceSchema.FromDb(Id),
            Type,
            Class,
            Label,
            Model,
            Cookie,
            Capabilities.Split(',', StringSplitOptions.RemoveEmptyEntries),
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedMs),
            LastActiveMs is { } a ? DateTimeOffset.FromUnixTimeMilliseconds(a) : null);
    }
}
