using System.Globalization;
using Dapper;
using WireEdge.Galley.Conversations;
using WireEdge.Storage.Connections;

namespace WireEdge.Galley.Storage;

/// <summary><see cref="IConversationStore"/> on SQLite or PostgreSQL (ids as text, lists comma-separated).</summary>
public sealed class SqlConversationStore(IDbConnectionFactory db, TimeProvider time) : IConversationStore
{
    private const string ConvColumns = "id AS Id, type AS Type, creator AS Creator, name AS Name, access AS Access, access_role AS AccessRole, team AS Team, message_timer AS MessageTimer, receipt_mode AS ReceiptMode";
    private const string MemberColumns = "conv AS Conv, user_id AS UserId, role AS Role, otr_muted_status AS OtrMutedStatus, otr_muted_ref AS OtrMutedRef, otr_archived AS OtrArchived, otr_archived_ref AS OtrArchivedRef, hidden AS Hidden, hidden_ref AS HiddenRef";

    public async Task<bool> CreateAsync(ConversationRecord conversation, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(members);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await conn.ExecuteAsync(
            new CommandDefinition(
                "INSERT INTO galley_conversations (id, type, creator, name, access, access_role, team, message_timer, receipt_mode, created_at) " +
                "VALUES (@id, @type, @creator, @name, @access, @accessRole, @team, @timer, @receipt, @now) ON CONFLICT (id) DO NOTHING",
                new
                {
                    id = Text(conversation.Id),
                    type = (int)conversation.Type,
                    creator = Text(conversation.Creator),
                    name = conversation.Name,
                    access = string.Join(',', conversation.Access),
                    accessRole = string.Join(',', conversation.AccessRoles),
                    team = Text(conversation.Team),
                    timer = conversation.MessageTimer,
                    receipt = conversation.ReceiptMode,
                    now = time.GetUtcNow().ToUnixTimeMilliseconds(),
                },
                tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted == 0)
        {
            return false;
        }

        foreach (var m in members)
        {
            await InsertMemberAsync(conn, tx, conversation.Id, m, cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<ConversationRecord?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await conn.QuerySingleOrDefaultAsync<ConvRow>(
            new CommandDefinition($"SELECT {ConvColumns} FROM galley_conversations WHERE id = @id", new { id = Text(id) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<ConversationRecord>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<ConversationRecord>(ids.Count);
        foreach (var chunk in ids.Select(Text).Chunk(500))
        {
            var (sql, args) = InList($"SELECT {ConvColumns} FROM galley_conversations WHERE id IN ", chunk);
            var rows = await conn.QueryAsync<ConvRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
            result.AddRange(rows.Select(r => r.ToRecord()));
        }

        return result;
    }

    public async Task<IReadOnlyList<MemberRecord>> GetMembersAsync(Guid conversation, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await conn.QueryAsync<MemberRow>(
            new CommandDefinition($"SELECT {MemberColumns} FROM galley_members WHERE conv = @conv ORDER BY user_id", new { conv = Text(conversation) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<MemberRecord>>> GetMembersOfManyAsync(IReadOnlyCollection<Guid> conversations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        var result = new Dictionary<Guid, IReadOnlyList<MemberRecord>>();
        if (conversations.Count == 0)
        {
            return result;
        }

        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var lists = new Dictionary<Guid, List<MemberRecord>>();
        foreach (var chunk in conversations.Select(Text).Chunk(500))
        {
            var (sql, args) = InList($"SELECT {MemberColumns} FROM galley_members WHERE conv IN ", chunk);
            foreach (var r in await conn.QueryAsync<MemberRow>(new CommandDefinition(sql + " ORDER BY user_id", args, cancellationToken: cancellationToken)).ConfigureAwait(false))
            {
                var c = Guid.Parse(r.Conv);
                if (!lists.TryGetValue(c, out var l))
                {
                    lists[c] = l = [];
                }

                l.Add(r.ToRecord());
            }
        }

        foreach (var kv in lists)
        {
            result[kv.Key] = kv.Value;
        }

        return result;
    }

    public async Task<MemberRecord?> GetMemberAsync(Guid conversation, Guid user, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await conn.QuerySingleOrDefaultAsync<MemberRow>(
            new CommandDefinition($"SELECT {MemberColumns} FROM galley_members WHERE conv = @conv AND user_id = @user", new { conv = Text(conversation), user = Text(user) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<Guid>> GetMemberIdsAsync(Guid conversation, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await conn.QueryAsync<string>(
            new CommandDefinition("SELECT user_id FROM galley_members WHERE conv = @conv", new { conv = Text(conversation) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(Guid.Parse)];
    }

    public async Task<IReadOnlyList<MemberRecord>> AddMembersAsync(Guid conversation, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var added = new List<MemberRecord>();
        foreach (var m in members)
        {
            if (await InsertMemberAsync(conn, tx, conversation, m, cancellationToken).ConfigureAwait(false))
            {
                added.Add(m);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    public async Task<bool> RemoveMemberAsync(Guid conversation, Guid user, CancellationToken cancellationToken = default)
        => await ExecuteAsync("DELETE FROM galley_members WHERE conv = @conv AND user_id = @user", new { conv = Text(conversation), user = Text(user) }, cancellationToken).ConfigureAwait(false) > 0;

    public Task UpdateSelfAsync(Guid conversation, Guid user, MemberSelfUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return ExecuteAsync(
            "UPDATE galley_members SET " +
            "otr_muted_status = CASE WHEN @setMuted = 1 THEN @muted ELSE otr_muted_status END, " +
            "otr_muted_ref = CASE WHEN @setMutedRef = 1 THEN @mutedRef ELSE otr_muted_ref END, " +
            "otr_archived = CASE WHEN @setArchived = 1 THEN @archived ELSE otr_archived END, " +
            "otr_archived_ref = CASE WHEN @setArchivedRef = 1 THEN @archivedRef ELSE otr_archived_ref END, " +
            "hidden = CASE WHEN @setHidden = 1 THEN @hidden ELSE hidden END, " +
            "hidden_ref = CASE WHEN @setHiddenRef = 1 THEN @hiddenRef ELSE hidden_ref END " +
            "WHERE conv = @conv AND user_id = @user",
            new
            {
                conv = Text(conversation),
                user = Text(user),
                setMuted = update.OtrMutedStatus is null ? 0 : 1,
                muted = update.OtrMutedStatus ?? 0,
                setMutedRef = update.OtrMutedRef is null ? 0 : 1,
                mutedRef = update.OtrMutedRef ?? string.Empty,
                setArchived = update.OtrArchived is null ? 0 : 1,
                archived = update.OtrArchived == true ? 1 : 0,
                setArchivedRef = update.OtrArchivedRef is null ? 0 : 1,
                archivedRef = update.OtrArchivedRef ?? string.Empty,
                setHidden = update.Hidden is null ? 0 : 1,
                hidden = update.Hidden == true ? 1 : 0,
                setHiddenRef = update.HiddenRef is null ? 0 : 1,
                hiddenRef = update.HiddenRef ?? string.Empty,
            },
            cancellationToken);
    }

    public Task SetRoleAsync(Guid conversation, Guid user, string role, CancellationToken cancellationToken = default)
        => ExecuteAsync("UPDATE galley_members SET role = @role WHERE conv = @conv AND user_id = @user", new { conv = Text(conversation), user = Text(user), role }, cancellationToken);

    public Task SetNameAsync(Guid conversation, string name, CancellationToken cancellationToken = default)
        => ExecuteAsync("UPDATE galley_conversations SET name = @name WHERE id = @id", new { id = Text(conversation), name }, cancellationToken);

    public Task SetAccessAsync(Guid conversation, IReadOnlyList<string> access, IReadOnlyList<string> accessRoles, CancellationToken cancellationToken = default)
        => ExecuteAsync(
            "UPDATE galley_conversations SET access = @access, access_role = @roles WHERE id = @id",
            new { id = Text(conversation), access = string.Join(',', access), roles = string.Join(',', accessRoles) },
            cancellationToken);

    public Task SetReceiptModeAsync(Guid conversation, int receiptMode, CancellationToken cancellationToken = default)
        => ExecuteAsync("UPDATE galley_conversations SET receipt_mode = @mode WHERE id = @id", new { id = Text(conversation), mode = receiptMode }, cancellationToken);

    public Task SetMessageTimerAsync(Guid conversation, long? messageTimer, CancellationToken cancellationToken = default)
        => ExecuteAsync("UPDATE galley_conversations SET message_timer = @timer WHERE id = @id", new { id = Text(conversation), timer = messageTimer }, cancellationToken);

    public Task SetTypeAsync(Guid conversation, ConversationType type, CancellationToken cancellationToken = default)
        => ExecuteAsync("UPDATE galley_conversations SET type = @type WHERE id = @id", new { id = Text(conversation), type = (int)type }, cancellationToken);

    public async Task<IReadOnlyList<Guid>> ListIdsAsync(Guid user, Guid? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await conn.QueryAsync<string>(new CommandDefinition(
            "SELECT conv FROM galley_members WHERE user_id = @user AND conv > @after ORDER BY conv LIMIT @limit",
            new { user = Text(user), after = after is null ? string.Empty : Text(after.Value), limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(Guid.Parse)];
    }

    public async Task<IReadOnlyList<Guid>> ListTeamConversationsAsync(Guid team, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await conn.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM galley_conversations WHERE team = @team ORDER BY id", new { team = Text(team) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(Guid.Parse)];
    }

    internal static string Text(Guid id) => id.ToString("D");

    private static string? Text(Guid? id) => id?.ToString("D");

    private static (string Sql, DynamicParameters Args) InList(string prefix, string[] values)
    {
        var args = new DynamicParameters();
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = "@p" + i.ToString(CultureInfo.InvariantCulture);
            args.Add("p" + i.ToString(CultureInfo.InvariantCulture), values[i]);
        }

        return (prefix + "(" + string.Join(',', names) + ")", args);
    }

    private static async Task<bool> InsertMemberAsync(System.Data.Common.DbConnection conn, System.Data.Common.DbTransaction tx, Guid conversation, MemberRecord m, CancellationToken cancellationToken)
        => await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO galley_members (conv, user_id, role, otr_archived, hidden) VALUES (@conv, @user, @role, 0, 0) ON CONFLICT (conv, user_id) DO NOTHING",
            new { conv = Text(conversation), user = Text(m.User), role = m.Role },
            tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    private async Task<int> ExecuteAsync(string sql, object args, CancellationToken cancellationToken)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await conn.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static IReadOnlyList<string> Split(string text) => text.Length == 0 ? [] : text.Split(',');

    private sealed class ConvRow
    {
        public string Id { get; set; } = string.Empty;

        public long Type { get; set; }

        public string? Creator { get; set; }

        public string? Name { get; set; }

        public string Access { get; set; } = string.Empty;

        public string AccessRole { get; set; } = string.Empty;

        public string? Team { get; set; }

        public long? MessageTimer { get; set; }

        public long? ReceiptMode { get; set; }

        public ConversationRecord ToRecord() => new(
            Guid.Parse(Id),
            (ConversationType)Type,
            Creator is null ? null : Guid.Parse(Creator),
            Name,
            Split(Access),
            Split(AccessRole),
            Team is null ? null : Guid.Parse(Team),
            MessageTimer,
            ReceiptMode is null ? null : (int)ReceiptMode.Value);
    }

    private sealed class MemberRow
    {
        public string Conv { get; set; } = string.Empty;

        public string UserId { get; set; } = string.Empty;

        public string Role { get; set; } = string.Empty;

        public long? OtrMutedStatus { get; set; }

        public string? OtrMutedRef { get; set; }

        public long OtrArchived { get; set; }

        public string? OtrArchivedRef { get; set; }

        public long Hidden { get; set; }

        public string? HiddenRef { get; set; }

        public MemberRecord ToRecord() => new(
            Guid.Parse(UserId),
            Role,
            OtrMutedStatus is null ? null : (int)OtrMutedStatus.Value,
            OtrMutedRef,
            OtrArchived != 0,
            OtrArchivedRef,
            Hidden != 0,
            HiddenRef);
    }
}
