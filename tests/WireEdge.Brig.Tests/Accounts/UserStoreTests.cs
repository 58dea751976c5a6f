using WireEdge.Brig;
using WireEdge.Brig.Users;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;
using WireEdge.Testing;

namespace WireEdge.Brig.Tests.Accounts;

public abstract class UserStoreTests(StorageKind kind) : StoreTestBase(kind)
{
    private sealed class Source : IMigrationSource
    {
        public IEnumerable<Migration> Migrations => new BrigModule().Migrations;
    }

    protected override IEnumerable<IMigrationSource> MigrationSources => [new Source()];

    private SqlUserStore Store => new(Db);

    private static UserRow NewUser(string? email = null, string name = "Store User") => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        Email = email ?? BrigApi.NewEmail(),
        EmailKey = (email ?? BrigApi.NewEmail()).ToLowerInvariant(),
        Locale = "en-US",
        Created = 1_700_000_000_000,
        Team = Guid.NewGuid(),
        Password = "$argon2id$v=19$m=64,t=1,p=1$x$y",
    };

    [Fact]
    public async Task Insert_ThenGet_RoundTripsEveryField()
    {
        var u = NewUser();
        u.AccentId = 5;
        u.Assets = """[{"key":"k","type":"image","size":"preview"}]""";
        u.TextStatus = "hi";

        Assert.True(await Store.InsertAsync(u));
        var got = await Store.GetAsync(u.Id);

        Assert.NotNull(got);
        Assert.Equal(u.Name, got.Name);
        Assert.Equal(u.EmailKey, got.EmailKey);
        Assert.Equal(u.Team, got.Team);
        Assert.Equal(5, got.AccentId);
        Assert.Equal("hi", got.TextStatus);
        Assert.Equal(u.Assets, got.Assets);
        Assert.Equal(u.Password, got.Password);
        Assert.Equal(UserStatus.Active, got.Status);
        Assert.True(got.Searchable);
        Assert.False(got.EmailActivated);
        Assert.Equal(u.Created, got.Created);
    }

    [Fact]
    public async Task Insert_WithTakenEmailKey_ReturnsFalse()
    {
        var a = NewUser();
        var b = NewUser();
        b.EmailKey = a.EmailKey;

        Assert.True(await Store.InsertAsync(a));
        Assert.False(await Store.InsertAsync(b));
    }

    [Fact]
    public async Task SetHandle_IsUnique_AndLookupsWork()
    {
        var a = NewUser();
        var b = NewUser();
        await Store.InsertAsync(a);
        await Store.InsertAsync(b);
        var handle = "st" + Guid.NewGuid().ToString("N")[..10];

        Assert.True(await Store.SetHandleAsync(a.Id, handle));
        Assert.False(await Store.SetHandleAsync(b.Id, handle));
        Assert.Equal(a.Id, (await Store.GetByHandleAsync(handle))?.Id);
        Assert.Equal(a.Id, Assert.Single(await Store.GetByHandlesAsync([handle, "nobody-here"])).Id);
        Assert.Equal([handle], await Store.TakenHandlesAsync([handle, "free-handle-x"]));
        Assert.Equal(a.Id, (await Store.GetByEmailAsync(a.EmailKey!))?.Id);
        Assert.Equal(2, (await Store.GetManyAsync([a.Id, b.Id, Guid.NewGuid()])).Count);
    }

    [Fact]
    public async Task UpdateProfile_ChangesOnlyGivenFields()
    {
        var a = NewUser();
        await Store.InsertAsync(a);

        Assert.True(await Store.UpdateProfileAsync(a.Id, new ProfileUpdate(null, null, 9, null)));
        Assert.True(await Store.UpdateLocaleAsync(a.Id, "de-DE"));
        Assert.True(await Store.UpdatePasswordAsync(a.Id, "new-hash"));
        Assert.True(await Store.ActivateEmailAsync(a.Id));
        Assert.False(await Store.ActivateEmailAsync(a.Id));
        var got = await Store.GetAsync(a.Id);

        Assert.Equal(a.Name, got!.Name);
        Assert.Equal(9, got.AccentId);
        Assert.Equal("de-DE", got.Locale);
        Assert.Equal("new-hash", got.Password);
        Assert.True(got.EmailActivated);
    }

    [Fact]
    public async Task MarkDeleted_FreesEmailAndHandle_AndHidesFromSearch()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var a = NewUser(name: "Del " + tag);
        await Store.InsertAsync(a);
        await Store.SetHandleAsync(a.Id, "d" + tag);

        Assert.True(await Store.MarkDeletedAsync(a.Id));
        Assert.False(await Store.MarkDeletedAsync(a.Id));
        var got = await Store.GetAsync(a.Id);

        Assert.Equal(UserStatus.Deleted, got!.Status);
        Assert.Null(got.Handle);
        Assert.Null(got.EmailKey);
        Assert.Null(await Store.GetByEmailAsync(a.EmailKey!));
        Assert.Empty(await Store.SearchAsync(tag, Guid.Empty, 10));
    }

    [Fact]
    public async Task Search_MatchesNamePrefixWordAndHandle_CaseInsensitive_ExcludingGivenUser()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var a = NewUser(name: "Xavier " + tag.ToUpperInvariant());
        var b = NewUser(name: tag + " Yolanda");
        var me = NewUser(name: tag + " me");
        await Store.InsertAsync(a);
        await Store.InsertAsync(b);
        await Store.InsertAsync(me);

        var found = await Store.SearchAsync(tag, me.Id, 10);

        Assert.Equal(2, found.Count);
        Assert.DoesNotContain(found, u => u.Id == me.Id);
        Assert.Equal(b.Id, (await Store.SearchAsync("YOLANDA", me.Id, 10)).Single().Id);
        Assert.Empty(await Store.SearchAsync("%", me.Id, 10));
    }

    [Fact]
    public async Task SetStatus_Suspends()
    {
        var a = NewUser();
        await Store.InsertAsync(a);

        Assert.True(await Store.SetStatusAsync(a.Id, UserStatus.Suspended));

        Assert.Equal(UserStatus.Suspended, (await Store.GetAsync(a.Id))!.Status);
    }
}

public sealed class UserStoreSqliteTests() : UserStoreTests(StorageKind.Sqlite);

public sealed class UserStorePostgresTests() : UserStoreTests(StorageKind.Postgres);
