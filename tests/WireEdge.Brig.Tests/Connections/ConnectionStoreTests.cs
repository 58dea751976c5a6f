using WireEdge.Brig.Connections;
using WireEdge.Brig.Tests.Clients;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;
using WireEdge.Testing;

namespace WireEdge.Brig.Tests.Connections;

public abstract class ConnectionStoreTests(StorageKind kind) : StoreTestBase(kind)
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, 456, TimeSpan.Zero);

    protected override IEnumerable<IMigrationSource> MigrationSources => [new DeviceMigrations()];

    [Fact]
    public async Task Change_WritesBothSides_AndConversation()
    {
        var store = new SqlConnectionStore(Db);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var change = await store.ChangeAsync(a, b, "wire.example.com", ConnectionRules.Connect, Now);
        Assert.Equal("sent", change.Self!.Status);
        Assert.Equal("pending", change.Other!.Status);
        Assert.Null(change.Existing);

        var conv = Guid.NewGuid();
        await store.SetConversationAsync(a, b, conv);
        var ab = await store.GetAsync(a, b);
        var ba = await store.GetAsync(b, a);
        Assert.Equal(("sent", conv, Now, "wire.example.com"), (ab!.Status, ab.Conversation, ab.LastUpdate, ab.ToDomain));
        Assert.Equal(("pending", conv), (ba!.Status, ba.Conversation));

        var accept = await store.ChangeAsync(b, a, "wire.example.com", (s, o) => ConnectionRules.Update(s, o, "accepted"), Now.AddSeconds(1));
        Assert.Equal("accepted", accept.Self!.Status);
        Assert.Equal(conv, accept.Self.Conversation);
        Assert.Equal([b], await store.AcceptedAmongAsync(a, [b, Guid.NewGuid()]));
    }

    [Fact]
    public async Task Change_FailedTransition_WritesNothing()
    {
        var store = new SqlConnectionStore(Db);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var change = await store.ChangeAsync(a, b, "wire.example.com", (s, o) => ConnectionRules.Update(s, o, "accepted"), Now);
        Assert.Equal("not-connected", change.Transition.ErrorLabel);
        Assert.Null(await store.GetAsync(a, b));
        Assert.Null(await store.GetAsync(b, a));
    }

    [Fact]
    public async Task List_PagesInOrder()
    {
        var store = new SqlConnectionStore(Db);
        var a = Guid.NewGuid();
        var others = Enumerable.Range(0, 7).Select(_ => Guid.NewGuid()).ToList();
        foreach (var o in others)
        {
            await store.ChangeAsync(a, o, "wire.example.com", ConnectionRules.Connect, Now);
        }

        var seen = new List<Guid>();
        Guid? after = null;
        while (true)
        {
            var page = await store.ListAsync(a, after, 3);
            seen.AddRange(page.Select(p => p.To));
            if (page.Count < 3)
            {
                break;
            }

            after = page[^1].To;
        }

        Assert.Equal(others.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Change_ConcurrentMutualRequests_EndConsistent()
    {
        var store = new SqlConnectionStore(Db);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await Task.WhenAll(
            Task.Run(() => store.ChangeAsync(a, b, "wire.example.com", ConnectionRules.Connect, Now)),
            Task.Run(() => store.ChangeAsync(b, a, "wire.example.com", ConnectionRules.Connect, Now)));
        var ab = await store.GetAsync(a, b);
        var ba = await store.GetAsync(b, a);
        Assert.Equal("accepted", ab!.Status);
        Assert.Equal("accepted", ba!.Status);
    }
}

public sealed class ConnectionStoreSqliteTests() : ConnectionStoreTests(StorageKind.Sqlite);

public sealed class ConnectionStorePostgresTests() : ConnectionStoreTests(StorageKind.Postgres);
