using WireEdge.Galley.Storage;
using WireEdge.Galley.Teams;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;
using WireEdge.Testing;

namespace WireEdge.Galley.Tests.Storage;

public abstract class TeamStoreTests(StorageKind kind) : StoreTestBase(kind)
{
    protected override IEnumerable<IMigrationSource> MigrationSources => [new GalleyModule()];

    private SqlTeamStore Store => new(Db, TimeProvider.System);

    [Fact]
    public async Task Create_ThenGetTeamAndMember()
    {
        var team = new TeamRecord(Guid.NewGuid(), Guid.NewGuid(), "T", "default", "key", true);

        await Store.CreateAsync(team, new TeamMemberRecord(team.Creator, TeamPermissions.Full, TeamPermissions.Full, null, 42));
        await Store.CreateAsync(team, new TeamMemberRecord(team.Creator, 1, 1, null, 43));

        Assert.Equal(team, await Store.GetAsync(team.Id));
        var member = await Store.GetMemberAsync(team.Id, team.Creator);
        Assert.Equal(new TeamMemberRecord(team.Creator, TeamPermissions.Full, TeamPermissions.Full, null, 42), member);
        Assert.Null(await Store.GetAsync(Guid.NewGuid()));
        Assert.Equal([team.Id], await Store.TeamsOfAsync(team.Creator));
    }

    [Fact]
    public async Task Members_PageFilterAndRemove()
    {
        var team = new TeamRecord(Guid.NewGuid(), Guid.NewGuid(), "T", "default", null, true);
        var users = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        foreach (var u in users)
        {
            await Store.CreateAsync(team, new TeamMemberRecord(u, 1, 1, team.Creator, null));
        }

        var first = await Store.ListMembersAsync(team.Id, null, 3);
        var rest = await Store.ListMembersAsync(team.Id, first[^1].User, 3);
        Assert.Equal(users.Order(), first.Concat(rest).Select(m => m.User).Order());

        var stranger = Guid.NewGuid();
        Assert.Equal(users.Take(2).ToHashSet(), await Store.MembersAmongAsync(team.Id, [users[0], users[1], stranger]));

        await Store.RemoveUserEverywhereAsync(users[0]);
        Assert.Null(await Store.GetMemberAsync(team.Id, users[0]));
        Assert.Empty(await Store.TeamsOfAsync(users[0]));
    }
}

public sealed class TeamStoreSqliteTests() : TeamStoreTests(StorageKind.Sqlite);

public sealed class TeamStorePostgresTests() : TeamStoreTests(StorageKind.Postgres);
