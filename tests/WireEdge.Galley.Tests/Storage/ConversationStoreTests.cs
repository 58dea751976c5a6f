using WireEdge.Galley.Conversations;
using WireEdge.Galley.Storage;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;
using WireEdge.Testing;

namespace WireEdge.Galley.Tests.Storage;

public abstract class ConversationStoreTests(StorageKind kind) : StoreTestBase(kind)
{
    protected override IEnumerable<IMigrationSource> MigrationSources => [new GalleyModule()];

    private SqlConversationStore Store => new(Db, TimeProvider.System);

    private static ConversationRecord NewConv(Guid? team = null) =>
        new(Guid.NewGuid(), ConversationType.Regular, Guid.NewGuid(), "n", ["invite", "code"], ["team_member", "guest"], team, 1000, 1);

    [Fact]
    public async Task Create_ThenGet_RoundTripsEveryField()
    {
        var conv = NewConv(Guid.NewGuid());
        var u = Guid.NewGuid();

        Assert.True(await Store.CreateAsync(conv, [new MemberRecord(u, ConversationRoles.Admin)]));
        Assert.False(await Store.CreateAsync(conv, [new MemberRecord(Guid.NewGuid(), ConversationRoles.Admin)]));

        var got = await Store.GetAsync(conv.Id);
        Assert.NotNull(got);
        Assert.Equal(conv.Type, got.Type);
        Assert.Equal(conv.Creator, got.Creator);
        Assert.Equal(conv.Name, got.Name);
        Assert.Equal(conv.Access, got.Access);
        Assert.Equal(conv.AccessRoles, got.AccessRoles);
        Assert.Equal(conv.Team, got.Team);
        Assert.Equal(conv.MessageTimer, got.MessageTimer);
        Assert.Equal(conv.ReceiptMode, got.ReceiptMode);
        Assert.Equal([u], await Store.GetMemberIdsAsync(conv.Id));
        Assert.Null(await Store.GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Members_AddRemoveRoleAndSelfSettings()
    {
        var conv = NewConv();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await Store.CreateAsync(conv, [new MemberRecord(a, ConversationRoles.Admin)]);

        var added = await Store.AddMembersAsync(conv.Id, [new MemberRecord(a, ConversationRoles.Admin), new MemberRecord(b, ConversationRoles.Member)]);
        Assert.Equal([b], added.Select(m => m.User));

        await Store.SetRoleAsync(conv.Id, b, ConversationRoles.Admin);
        await Store.UpdateSelfAsync(conv.Id, b, new MemberSelfUpdate(3, "ref", true, null, null, "h"));
        var member = await Store.GetMemberAsync(conv.Id, b);
        Assert.NotNull(member);
        Assert.Equal(ConversationRoles.Admin, member.Role);
        Assert.Equal(3, member.OtrMutedStatus);
        Assert.Equal("ref", member.OtrMutedRef);
        Assert.True(member.OtrArchived);
        Assert.False(member.Hidden);
        Assert.Equal("h", member.HiddenRef);

        Assert.True(await Store.RemoveMemberAsync(conv.Id, b));
        Assert.False(await Store.RemoveMemberAsync(conv.Id, b));
        Assert.Null(await Store.GetMemberAsync(conv.Id, b));
        Assert.Single(await Store.GetMembersAsync(conv.Id));
    }

    [Fact]
    public async Task Settings_AreUpdated()
    {
        var conv = NewConv();
        await Store.CreateAsync(conv, []);

        await Store.SetNameAsync(conv.Id, "new");
        await Store.SetAccessAsync(conv.Id, ["private"], []);
        await Store.SetReceiptModeAsync(conv.Id, 0);
        await Store.SetMessageTimerAsync(conv.Id, null);
        await Store.SetTypeAsync(conv.Id, ConversationType.Connect);

        var got = await Store.GetAsync(conv.Id);
        Assert.NotNull(got);
        Assert.Equal("new", got.Name);
        Assert.Equal(["private"], got.Access);
        Assert.Empty(got.AccessRoles);
        Assert.Equal(0, got.ReceiptMode);
        Assert.Null(got.MessageTimer);
        Assert.Equal(ConversationType.Connect, got.Type);
    }

    [Fact]
    public async Task ListIds_PagesInOrder_AndGetManyAndMembersOfMany()
    {
        var user = Guid.NewGuid();
        var team = Guid.NewGuid();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var c = NewConv(team);
            ids.Add(c.Id);
            await Store.CreateAsync(c, [new MemberRecord(user, ConversationRoles.Admin), new MemberRecord(Guid.NewGuid(), ConversationRoles.Member)]);
        }

        var first = await Store.ListIdsAsync(user, null, 3);
        var second = await Store.ListIdsAsync(user, first[^1], 3);
        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Equal(ids.Order(), first.Concat(second).Order());
        Assert.Empty(first.Intersect(second));

        Assert.Equal(5, (await Store.GetManyAsync([.. ids, Guid.NewGuid()])).Count);
        var members = await Store.GetMembersOfManyAsync(ids);
        Assert.All(ids, id => Assert.Equal(2, members[id].Count));
        Assert.Equal(ids.Order(), (await Store.ListTeamConversationsAsync(team)).Order());
    }
}

public sealed class ConversationStoreSqliteTests() : ConversationStoreTests(StorageKind.Sqlite);

public sealed class ConversationStorePostgresTests() : ConversationStoreTests(StorageKind.Postgres);
