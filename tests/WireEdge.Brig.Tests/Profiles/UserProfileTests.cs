using System.Net;
using System.Text.Json.Nodes;
using WireEdge.Brig.Tests.Accounts;

namespace WireEdge.Brig.Tests.Profiles;

public abstract class UserProfileTests(BrigHostFixture fixture)
{
    private BrigApi Api => fixture.Api;

    [Fact]
    public async Task GetUser_ReturnsProfileWithoutEmail()
    {
        var alice = await Api.RegisterAsync(name: "Alice P");
        var bob = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Get, $"/v8/users/{BrigApi.Domain}/{alice.Id}", token: bob.Token);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var p = await BrigApi.BodyAsync(r);
        Assert.Equal("Alice P", (string)p["name"]!);
        Assert.Equal(BrigApi.Domain, (string)p["qualified_id"]!["domain"]!);
        Assert.Equal("no_consent", (string)p["legalhold_status"]!);
        Assert.Null(p["email"]);
        Assert.NotNull(p["picture"]);
    }

    [Fact]
    public async Task GetUser_UnknownOrForeign_Returns404_BadId_Returns400()
    {
        var bob = await Api.RegisterAsync();

        var unknown = await Api.SendAsync(HttpMethod.Get, $"/v8/users/{BrigApi.Domain}/{Guid.NewGuid()}", token: bob.Token);
        var foreign = await Api.SendAsync(HttpMethod.Get, $"/v8/users/other.example.org/{bob.Id}", token: bob.Token);
        var bad = await Api.SendAsync(HttpMethod.Get, $"/v8/users/{BrigApi.Domain}/not-a-uuid", token: bob.Token);

        await BrigApi.AssertErrorAsync(unknown, HttpStatusCode.NotFound, "not-found");
        await BrigApi.AssertErrorAsync(foreign, HttpStatusCode.NotFound, "not-found");
        await BrigApi.AssertErrorAsync(bad, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task ListUsers_ByQualifiedIds_ReturnsTheKnownOnes()
    {
        var alice = await Api.RegisterAsync();
        var bob = await Api.RegisterAsync();
        var ids = new JsonArray(
            new JsonObject { ["id"] = alice.Id.ToString(), ["domain"] = BrigApi.Domain },
            new JsonObject { ["id"] = bob.Id.ToString(), ["domain"] = BrigApi.Domain },
            new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["domain"] = BrigApi.Domain });

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/list-users", new JsonObject { ["qualified_ids"] = ids }.ToJsonString(), bob.Token, gzip: true);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var found = (await BrigApi.BodyAsync(r))["found"]!.AsArray().Select(u => (string)u!["id"]!).Order().ToList();
        Assert.Equal(new[] { alice.Id.ToString(), bob.Id.ToString() }.Order().ToList(), found);
    }

    [Fact]
    public async Task ListUsers_ByQualifiedHandles_FindsTheHandleOwner()
    {
        var alice = await Api.RegisterAsync();
        var handle = "lh" + Guid.NewGuid().ToString("N")[..12];
        await Api.SetHandleAsync(alice, handle);
        var handles = new JsonArray(
            new JsonObject { ["handle"] = handle, ["domain"] = BrigApi.Domain },
            new JsonObject { ["handle"] = "unused" + Guid.NewGuid().ToString("N")[..8], ["domain"] = BrigApi.Domain });

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/list-users", new JsonObject { ["qualified_handles"] = handles }.ToJsonString(), alice.Token, gzip: true);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var found = Assert.Single((await BrigApi.BodyAsync(r))["found"]!.AsArray())!;
        Assert.Equal(handle, (string)found["handle"]!);
        Assert.Equal(alice.Id.ToString(), (string)found["id"]!);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"qualified_ids":[],"qualified_handles":[]}""")]
    [InlineData("""{"qualified_ids":[{"id":"nope","domain":"x"}]}""")]
    [InlineData("""{"qualified_ids":"x"}""")]
    [InlineData("""{"qualified_ids":[""")]
    public async Task ListUsers_WithInvalidBody_Returns400(string json)
    {
        var bob = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/list-users", json, bob.Token);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task ListUsers_WithMoreThan500Ids_Returns400()
    {
        var bob = await Api.RegisterAsync();
        var ids = new JsonArray();
        for (var i = 0; i < 501; i++)
        {
            ids.Add(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["domain"] = BrigApi.Domain });
        }

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/list-users", new JsonObject { ["qualified_ids"] = ids }.ToJsonString(), bob.Token);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, "bad-request");
    }
}

public sealed class UserProfileSqliteTests(SqliteBrigHost f) : UserProfileTests(f), IClassFixture<SqliteBrigHost>;

public sealed class UserProfilePostgresTests(PostgresBrigHost f) : UserProfileTests(f), IClassFixture<PostgresBrigHost>;
