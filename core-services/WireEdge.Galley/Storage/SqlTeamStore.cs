using System.Globalization;
using Dapper;
using WireEdge.Galley.Teams;
using WireEdge.Storage.Connections;

namespace WireEdge.Galley.Storage;

/// <summary><see cref="ITeamStore"/> on SQLite or PostgreSQL.</summary>
public sealed class SqlTeamStore(IDbConnectionFactory db, TimeProvider time) : ITeamStore
{
    private const string MemberColumns = "user_id AS UserId, perm_self AS PermSelf, perm_copy AS PermCopy, created_by AS CreatedBy, created_at AS CreatedAt";

    public async Task CreateAsync(TeamRecord team, TeamMemberRecord owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(owner);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO galley_teams (id, creator, name, icon, icon_key, binding, created_at) VALUES (@id, @creator, @name, @icon, @iconKey, @binding, @now) ON CONFLICT (id) DO NOTHING",
            new { id = S(team.Id), creator = S(team.Creator), name = team.Name, icon = team.Icon, iconKey = team.IconKey, binding = team.Binding ? 1 : 0, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO galley_team_members (team, user_id, perm_self, perm_copy, created_by, created_at) VALUES (@team, @user, @self, @copy, @by, @at) ON CONFLICT (team, user_id) DO NOTHING",
            new { team = S(team.Id), user = S(owner.User), self = owner.PermSelf, copy = owner.PermCopy, by = owner.CreatedBy is null ? null : S(owner.CreatedBy.Value), at = owner.CreatedAtMs },
            tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<TeamRecord?> GetAsync(Guid team, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await conn.QuerySingleOrDefaultAsync<TeamRow>(new CommandDefinition(
            "SELECT id AS Id, creator AS Creator, name AS Name, icon AS Icon, icon_key AS IconKey, binding AS Binding FROM galley_teams WHERE id = @id",
            new { id = S(team) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new TeamRecord(Guid.Parse(row.Id), Guid.Parse(row.Creator), row.Name, row.Icon, row.IconKey, row.Binding != 0);
    }

    public async Task<TeamMemberRecord?> GetMemberAsync(Guid team, Guid user, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await conn.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(
            $"SELECT {MemberColumns} FROM galley_team_members WHERE team = @team AND user_id = @user",
            new { team = S(team), user = S(user) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<TeamMemberRecord>> ListMembersAsync(Guid team, Guid? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await conn.QueryAsync<MemberRow>(new CommandDefinition(
            $"SELECT {MemberColumns} FROM galley_team_members WHERE team = @team AND user_id > @after ORDER BY user_id LIMIT @limit",
            new { team = S(team), after = after is null ? string.Empty : S(after.Value), limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyList<Guid>> TeamsOfAsync(Guid user, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await conn.QueryAsync<string>(new CommandDefinition(
            "SELECT team FROM galley_team_members WHERE user_id = @user ORDER BY team", new { user = S(user) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(Guid.Parse)];
    }

    public async Task<IReadOnlySet<Guid>> MembersAmongAsync(Guid team, IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        var result = new HashSet<Guid>();
        if (users.Count == 0)
        {
            return result;
        }

        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in users.Chunk(500))
        {
            var args = new DynamicParameters();
            args.Add("team", S(team));
            var names = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                var n = "u" + i.ToString(CultureInfo.InvariantCulture);
                names[i] = "@" + n;
                args.Add(n, S(chunk[i]));
            }

            var rows = await conn.QueryAsync<string>(new CommandDefinition(
                $"SELECT user_id FROM galley_team_members WHERE team = @team AND user_id IN ({string.Join(',', names)})", args, cancellationToken: cancellationToken)).ConfigureAwait(false);
            result.UnionWith(rows.Select(Guid.Parse));
        }

        return result;
    }

    public async Task RemoveUserEverywhereAsync(Guid user, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM galley_team_members WHERE user_id = @user", new { user = S(user) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static string S(Guid id) => id.ToString("D");

    private sealed class TeamRow
    {
        public string Id { get; set; } = string.Empty;

        public string Creator { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Icon { get; set; } = string.Empty;

        public string? IconKey { get; set; }

        public long Binding { get; set; }
    }

    private sealed class MemberRow
    {
        public string UserId { get; set; } = string.Empty;

        public long PermSelf { get; set; }

        public long PermCopy { get; set; }

        public string? CreatedBy { get; set; }

        public long? CreatedAt { get; set; }

        public TeamMemberRecord ToRecord() => new(Guid.Parse(UserId), PermSelf, PermCopy, CreatedBy is null ? null : Guid.Parse(CreatedBy), CreatedAt);
    }
}
