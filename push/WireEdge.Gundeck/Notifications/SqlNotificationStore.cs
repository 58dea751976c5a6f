using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Options;
using WireEdge.Contracts.Ids;
using WireEdge.Storage.Connections;

namespace WireEdge.Gundeck.Notifications;

/// <summary>
/// The notification log on SQLite or PostgreSQL. Inserts are multi-row statements inside one
/// transaction; reads filter expired rows so the TTL holds even between sweeps.
/// </summary>
public sealed class SqlNotificationStore(IDbConnectionFactory db, TimeProvider time, IOptions<GundeckOptions> options) : INotificationStore
{
    private const int RowsPerStatement = 200;
    private const int SweepBatch = 5000;
    private const string SelectColumns = "SELECT n.id, n.ts, p.payload FROM gundeck_notifications n JOIN gundeck_payloads p ON p.id = n.payload_id";

    private long TtlMs => options.Value.NotificationTTL * 1000L;

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task AppendAsync(IReadOnlyList<NewNotification> notifications, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        if (notifications.Count == 0)
        {
            return;
        }

        var expires = NowMs + TtlMs;
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        for (var start = 0; start < notifications.Count; start += RowsPerStatement)
        {
            var end = Math.Min(notifications.Count, start + RowsPerStatement);
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            var sql = new StringBuilder("INSERT INTO gundeck_payloads (id, payload, expires_at) VALUES ");
            for (var i = start; i < end; i++)
            {
                var k = i - start;
                sql.Append(CultureInfo.InvariantCulture, $"{(k == 0 ? "" : ",")}(@i{k}, @p{k}, @e)");
                Add(cmd, $"i{k}", notifications[i].Id.ToString("D"));
                Add(cmd, $"p{k}", AsArray(notifications[i].Payload));
            }

            Add(cmd, "e", expires);
            sql.Append(" ON CONFLICT (id) DO NOTHING");
            cmd.CommandText = sql.ToString();
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            Add(cmd, "e", expires);
            var sql = new StringBuilder();
            var rows = 0;
            foreach (var n in notifications)
            {
                var id = n.Id.ToString("D");
                foreach (var t in n.Targets)
                {
                    if (rows == RowsPerStatement)
                    {
                        await FlushAsync(cmd, sql, cancellationToken).ConfigureAwait(false);
                        Add(cmd, "e", expires);
                        rows = 0;
                    }

                    sql.Append(rows == 0 ? "INSERT INTO gundeck_notifications (user_id, ts, id, clients, payload_id, payload_size, expires_at) VALUES " : ",");
                    sql.Append(CultureInfo.InvariantCulture, $"(@u{rows}, @t{rows}, @i{rows}, @c{rows}, @i{rows}, @s{rows}, @e)");
                    Add(cmd, $"u{rows}", t.User.ToString("D"));
                    Add(cmd, $"t{rows}", n.Timestamp);
                    Add(cmd, $"i{rows}", id);
                    Add(cmd, $"c{rows}", ClientsText(t.Clients));
                    Add(cmd, $"s{rows}", n.Payload.Length);
                    rows++;
                }
            }

            if (rows > 0)
            {
                await FlushAsync(cmd, sql, cancellationToken).ConfigureAwait(false);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<NotificationPage> PageAsync(Guid user, ClientId? client, NotificationCursor? since, int size, long maxPayloadBytes, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        var sql = new StringBuilder(SelectColumns).Append(" WHERE n.user_id = @u AND n.expires_at > @now");
        Add(cmd, "u", user.ToString("D"));
        Add(cmd, "now", NowMs);
        AppendClientFilter(cmd, sql, client);
        if (since is { } s)
        {
            sql.Append(" AND (n.ts > @ts OR (n.ts = @ts AND n.id > @sid))");
            Add(cmd, "ts", s.Timestamp);
            Add(cmd, "sid", s.Id.ToString("D"));
        }

        sql.Append(" ORDER BY n.ts, n.id LIMIT @lim");
        Add(cmd, "lim", size + 1);
        cmd.CommandText = sql.ToString();

        var list = new List<StoredNotification>(Math.Min(size, 1024));
        long bytes = 0;
        var hasMore = false;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (list.Count == size)
            {
                hasMore = true;
                break;
            }

            var n = Read(reader);
            if (list.Count > 0 && bytes + n.Payload.Length > maxPayloadBytes)
            {
                hasMore = true;
                break;
            }

            bytes += n.Payload.Length;
            list.Add(n);
        }

        return new NotificationPage(list, hasMore);
    }

    public async Task<bool> ExistsAsync(Guid user, Guid id, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM gundeck_notifications WHERE user_id = @u AND ts = @ts AND id = @id AND expires_at > @now";
        Add(cmd, "u", user.ToString("D"));
        Add(cmd, "ts", NotificationId.Timestamp(id));
        Add(cmd, "id", id.ToString("D"));
        Add(cmd, "now", NowMs);
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    public async Task<StoredNotification?> GetAsync(Guid user, Guid id, ClientId? client, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        var sql = new StringBuilder(SelectColumns).Append(" WHERE n.user_id = @u AND n.ts = @ts AND n.id = @id AND n.expires_at > @now");
        Add(cmd, "u", user.ToString("D"));
        Add(cmd, "ts", NotificationId.Timestamp(id));
        Add(cmd, "id", id.ToString("D"));
        Add(cmd, "now", NowMs);
        AppendClientFilter(cmd, sql, client);
        cmd.CommandText = sql.ToString();
        return await ReadOneAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredNotification?> LastAsync(Guid user, ClientId? client, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        var sql = new StringBuilder(SelectColumns).Append(" WHERE n.user_id = @u AND n.expires_at > @now");
        Add(cmd, "u", user.ToString("D"));
        Add(cmd, "now", NowMs);
        AppendClientFilter(cmd, sql, client);
        sql.Append(" ORDER BY n.ts DESC, n.id DESC LIMIT 1");
        cmd.CommandText = sql.ToString();
        return await ReadOneAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = NowMs;
        var total = 0;
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        string[] statements =
        [
            $"DELETE FROM gundeck_notifications WHERE (user_id, ts, id) IN (SELECT user_id, ts, id FROM gundeck_notifications WHERE expires_at <= @now LIMIT {SweepBatch})",
            $"DELETE FROM gundeck_payloads WHERE id IN (SELECT id FROM gundeck_payloads WHERE expires_at <= @now LIMIT {SweepBatch})",
        ];
        foreach (var statement in statements)
        {
            int deleted;
            do
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = statement;
                Add(cmd, "now", now);
                deleted = await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                total += deleted;
            }
            while (deleted == SweepBatch);
        }

        return total;
    }

    private static async Task FlushAsync(DbCommand cmd, StringBuilder sql, CancellationToken cancellationToken)
    {
        sql.Append(" ON CONFLICT DO NOTHING");
        cmd.CommandText = sql.ToString();
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        sql.Clear();
        cmd.Parameters.Clear();
    }

    private static async Task<StoredNotification?> ReadOneAsync(DbCommand cmd, CancellationToken cancellationToken)
    {
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static StoredNotification Read(DbDataReader reader)
        => new(Guid.Parse(reader.GetString(0)), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));

    private static void AppendClientFilter(DbCommand cmd, StringBuilder sql, ClientId? client)
    {
        if (client is { } c)
        {
            sql.Append(" AND (n.clients IS NULL OR n.clients LIKE @cpat)");
            Add(cmd, "cpat", "%," + c.ToString() + ",%");
        }
    }

    internal static string? ClientsText(IReadOnlyList<ClientId>? clients)
    {
        if (clients is null || clients.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder(",");
        foreach (var c in clients)
        {
            sb.Append(c.ToString()).Append(',');
        }

        return sb.ToString();
    }

    private static byte[] AsArray(ReadOnlyMemory<byte> memory)
        => MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    private static void Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}
