using WireEdge.Brig.Clients;
using WireEdge.Brig.Internal;
using WireEdge.Brig.Prekeys;
using WireEdge.Contracts.Ids;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;
using WireEdge.Testing;

namespace WireEdge.Brig.Tests.Clients;

internal sealed class DeviceMigrations : IMigrationSource
{
    public IEnumerable<Migration> Migrations => DeviceSchema.Migrations;
}

public abstract class DeviceStoreTests(StorageKind kind) : StoreTestBase(kind)
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, 123, TimeSpan.Zero);

    protected override IEnumerable<IMigrationSource> MigrationSources => [new DeviceMigrations()];

    private static NewClient Client(Guid user, string type = "permanent", int prekeys = 3)
    {
        var last = new Prekey(ClientRules.LastPrekeyId, DeviceHost.RandomKey());
        return new NewClient(user, ClientRules.ClientIdFromLastKey(last.Key), type, "phone", "label", "model", "cookie", ["legalhold-implicit-consent"],
            [.. Enumerable.Range(0, prekeys).Select(i => new Prekey(i, DeviceHost.RandomKey()))], last);
    }

    [Fact]
    public async Task Add_StoresClientWithPrekeys_AndRoundTripsEveryField()
    {
        var store = new SqlClientStore(Db);
        var user = Guid.NewGuid();
        var c = Client(user);
        var result = await store.AddAsync(c, reauthenticated: false, Now);
        Assert.Equal(AddClientStatus.Added, result.Status);
        var stored = await store.GetAsync(user, c.Id);
        Assert.NotNull(stored);
        Assert.Equal(c.Id, stored.Id);
        Assert.Equal(("permanent", "phone", "label", "model", "cookie"), (stored.Type, stored.Class, stored.Label, stored.Model, stored.Cookie));
        Assert.Equal(["legalhold-implicit-consent"], stored.Capabilities);
        Assert.Equal(Now, stored.Created);
        Assert.Null(stored.LastActive);
        Assert.Equal([0, 1, 2, 65535], await new PrekeyStore(Db).ListIdsAsync(user, c.Id));
    }

    [Fact]
    public async Task Add_HighBitClientId_RoundTrips()
    {
        var store = new SqlClientStore(Db);
        var user = Guid.NewGuid();
        var c = Client(user) with { Id = new ClientId(0xfedc_ba98_7654_3210) };
        await store.AddAsync(c, false, Now);
        Assert.Equal(c.Id, (await store.ListAsync(user)).Single().Id);
        Assert.Equal(c.Id, (await store.ListPublicAsync([user]))[user].Single().Id);
    }

    [Fact]
    public async Task Add_SecondOfSameTypeWithoutReauthentication_IsRefused()
    {
        var store = new SqlClientStore(Db);
        var user = Guid.NewGuid();
        await store.AddAsync(Client(user), false, Now);
        var second = await store.AddAsync(Client(user), false, Now);
        Assert.Equal(AddClientStatus.NeedsReauthentication, second.Status);
        Assert.Single(await store.ListAsync(user));
        Assert.Equal(AddClientStatus.Added, (await store.AddAsync(Client(user), true, Now)).Status);
    }

    [Fact]
    public async Task Add_SameIdAgain_UpdatesAndKeepsOneClient()
    {
        var store = new SqlClientStore(Db);
        var user = Guid.NewGuid();
        var c = Client(user);
        await store.AddAsync(c, false, Now);
        var again = await store.AddAsync(c with { Label = "renamed", Prekeys = [new Prekey(7, DeviceHost.RandomKey())] }, false, Now.AddHours(1));
        Assert.Equal(AddClientStatus.Updated, again.Status);
        Assert.Equal("renamed", again.Client!.Label);
        Assert.Equal(Now, again.Client.Created);
        Assert.Equal([0, 1, 2, 7, 65535], await new PrekeyStore(Db).ListIdsAsync(user, c.Id));
    }

    [Fact]
    public async Task Add_BeyondSevenPermanent_IsTooMany()
    {
        var store = new SqlClientStore(Db);
        var user = Guid.NewGuid();
        for (var i = 0; i < ClientRules.MaxPermanentClients; i++)
        {
            Assert.Equal(AddClientStatus.Added, (await store.AddAsync(Client(user), true, Now)).Status);
        }

        Assert.Equal(AddClientStatus.TooManyClients, (await store.AddAsync(Client(user), true, Now)).Status);
        Assert.Equal(AddClientStatus.Added, (await store.AddAsync(Client(user, "temporary"), true, Now)).Status);
    }

    [Fact]
    public async Task Add_Temporary_ReplacesTheOldTemporary()
    {
        var store = new SqlClientStore(Db);
        var user = Guid.NewGuid();
        var first = Client(user, "temporary");
        await store.AddAsync(first, false, Now);
        var second = await store.AddAsync(Client(user, "temporary"), true, Now);
        Assert.Equal([first.Id], second.Replaced);
        Assert.Equal(second.Client!.Id, (await store.ListAsync(user)).Single().Id);
        Assert.Empty(await new PrekeyStore(Db).ListIdsAsync(user, first.Id));
    }

    [Fact]
    public async Task Update_Delete_MarkActive()
    {
        var store = new SqlClientStore(Db);
        var user = Guid.NewGuid();
        var c = Client(user, prekeys: 1);
        await store.AddAsync(c, false, Now);
        Assert.True(await store.UpdateAsync(user, c.Id, "new", ["legalhold-implicit-consent", "consumable-notifications"], [new Prekey(5, "AAAA")], null));
        Assert.False(await store.UpdateAsync(user, new ClientId(1), "x", null, [], null));
        await store.MarkActiveAsync(user, c.Id, Now.AddDays(1));
        var updated = await store.GetAsync(user, c.Id);
        Assert.Equal("new", updated!.Label);
        Assert.Equal(2, updated.Capabilities.Count);
        Assert.Equal(Now.AddDays(1), updated.LastActive);
        Assert.Equal([0, 5, 65535], await new PrekeyStore(Db).ListIdsAsync(user, c.Id));

        Assert.True(await store.DeleteAsync(user, c.Id));
        Assert.False(await store.DeleteAsync(user, c.Id));
        Assert.Null(await store.GetAsync(user, c.Id));
        Assert.Empty(await new PrekeyStore(Db).ListIdsAsync(user, c.Id));
    }

    [Fact]
    public async Task Claim_ConsumesInOrder_NeverTheLastResort_NullForUnknownClient()
    {
        var store = new SqlClientStore(Db);
        var prekeys = new PrekeyStore(Db);
        var user = Guid.NewGuid();
        var c = Client(user, prekeys: 2);
        await store.AddAsync(c, false, Now);
        var claimed = new List<Prekey?>();
        for (var i = 0; i < 4; i++)
        {
            claimed.Add(await prekeys.ClaimAsync(user, c.Id));
        }

        Assert.Equal([0, 1, 65535, 65535], claimed.Select(k => k!.Id));
        Assert.Equal(c.Prekeys[0].Key, claimed[0]!.Key);
        Assert.Equal(c.LastKey.Key, claimed[3]!.Key);
        Assert.Null(await prekeys.ClaimAsync(user, new ClientId(42)));
    }

    [Fact]
    public async Task Claim_50Concurrent_NeverHandsOutAPrekeyTwice()
    {
        var store = new SqlClientStore(Db);
        var prekeys = new PrekeyStore(Db);
        var user = Guid.NewGuid();
        var c = Client(user, prekeys: 30);
        await store.AddAsync(c, false, Now);
        var claims = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => prekeys.ClaimAsync(user, c.Id))));
        var ids = claims.Select(k => k!.Id).ToList();
        Assert.Equal(Enumerable.Range(0, 30), ids.Where(i => i != 65535).Order());
        Assert.Equal(20, ids.Count(i => i == 65535));
    }
}

public sealed class DeviceStoreSqliteTests() : DeviceStoreTests(StorageKind.Sqlite);

public sealed class DeviceStorePostgresTests() : DeviceStoreTests(StorageKind.Postgres);
