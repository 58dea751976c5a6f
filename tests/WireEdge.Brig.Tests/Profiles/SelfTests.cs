using System.Net;
using System.Text.Json.Nodes;
using WireEdge.Brig.Tests.Accounts;

namespace WireEdge.Brig.Tests.Profiles;

public abstract class SelfTests(BrigHostFixture fixture)
{
    private BrigApi Api => fixture.Api;

    [Fact]
    public async Task GetSelf_WithoutOrWithBadToken_Returns401()
    {
        var none = await Api.SendAsync(HttpMethod.Get, "/v8/self");
        var garbage = await Api.SendAsync(HttpMethod.Get, "/v8/self", token: "garbage");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }

    [Fact]
    public async Task GetSelf_ReturnsTheUserWithQualifiedIdInTheConfiguredDomain()
    {
        var user = await Api.RegisterAsync(name: "Selfie");

        var r = await Api.SendAsync(HttpMethod.Get, "/v8/self", token: user.Token);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await BrigApi.BodyAsync(r);
        Assert.Equal(user.Id.ToString(), (string)body["id"]!);
        Assert.Equal(user.Id.ToString(), (string)body["qualified_id"]!["id"]!);
        Assert.Equal(BrigApi.Domain, (string)body["qualified_id"]!["domain"]!);
        Assert.Equal("Selfie", (string)body["name"]!);
        Assert.Equal(user.Email, (string)body["email"]!);
        Assert.Equal("regular", (string)body["type"]!);
        Assert.Contains("proteus", body["supported_protocols"]!.AsArray().Select(p => (string)p!));
    }

    [Fact]
    public async Task PutSelf_UpdatesProfile_AndEmitsUserUpdate()
    {
        var user = await Api.RegisterAsync();
        var update = new JsonObject
        {
            ["name"] = "Renamed ✓",
            ["accent_id"] = 7,
            ["text_status"] = "busy",
            ["assets"] = new JsonArray(new JsonObject { ["key"] = "3-2-key", ["type"] = "image", ["size"] = "complete" }),
        };

        var r = await Api.SendAsync(HttpMethod.Put, "/v8/self", update.ToJsonString(), user.Token, gzip: true);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var self = await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/self", token: user.Token));
        Assert.Equal("Renamed ✓", (string)self["name"]!);
        Assert.Equal(7, (int)self["accent_id"]!);
        Assert.Equal("busy", (string)self["text_status"]!);
        Assert.Equal("3-2-key", (string)self["assets"]![0]!["key"]!);
        var events = await Api.EventsAsync(user);
        var e = Assert.Single(events, e => (string?)e["type"] == "user.update" && e["user"]?["name"] is not null);
        Assert.Equal(user.Id.ToString(), (string)e["user"]!["id"]!);
        Assert.Equal("Renamed ✓", (string)e["user"]!["name"]!);
    }

    [Theory]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":7}""")]
    [InlineData("""{"accent_id":"x"}""")]
    [InlineData("""{"assets":{"key":"x"}}""")]
    [InlineData("""{"name":""")]
    [InlineData("")]
    public async Task PutSelf_WithInvalidBody_Returns400(string json)
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Put, "/v8/self", json, user.Token);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task PutLocale_ChangesLocale_AndRejectsGarbage()
    {
        var user = await Api.RegisterAsync();

        var ok = await Api.SendAsync(HttpMethod.Put, "/v8/self/locale", """{"locale":"de-DE"}""", user.Token, gzip: true);
        var bad = await Api.SendAsync(HttpMethod.Put, "/v8/self/locale", """{"locale":"12345"}""", user.Token);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await BrigApi.AssertErrorAsync(bad, HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal("de-DE", (string)(await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/self", token: user.Token)))["locale"]!);
    }

    [Fact]
    public async Task PutPassword_ChangesPassword()
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Put, "/v8/self/password", new JsonObject { ["old_password"] = user.Password, ["new_password"] = "a brand new password" }.ToJsonString(), user.Token);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync(user.Email, "a brand new password")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.LoginAsync(user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task PutPassword_WithWrongOld_Returns403_WithSame_Returns409_WithShortNew_Returns400()
    {
        var user = await Api.RegisterAsync();

        var wrong = await Api.SendAsync(HttpMethod.Put, "/v8/self/password", new JsonObject { ["old_password"] = "wrong old one", ["new_password"] = "a brand new password" }.ToJsonString(), user.Token);
        var same = await Api.SendAsync(HttpMethod.Put, "/v8/self/password", new JsonObject { ["old_password"] = user.Password, ["new_password"] = user.Password }.ToJsonString(), user.Token);
        var shortNew = await Api.SendAsync(HttpMethod.Put, "/v8/self/password", new JsonObject { ["old_password"] = user.Password, ["new_password"] = "short" }.ToJsonString(), user.Token);

        await BrigApi.AssertErrorAsync(wrong, HttpStatusCode.Forbidden, "invalid-credentials", "Authentication failed.");
        await BrigApi.AssertErrorAsync(same, HttpStatusCode.Conflict, "password-must-differ");
        await BrigApi.AssertErrorAsync(shortNew, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task HeadPassword_IsOkForUserWithPassword()
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Head, "/v8/self/password", token: user.Token);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task DeleteSelf_RequiresThePassword_ThenDeletesTheAccount()
    {
        var user = await Api.RegisterAsync();
        var other = await Api.RegisterAsync();
        await Api.SetHandleAsync(user, "del" + Guid.NewGuid().ToString("N")[..10]);

        var missing = await Api.SendAsync(HttpMethod.Delete, "/v8/self", token: user.Token);
        var wrong = await Api.SendAsync(HttpMethod.Delete, "/v8/self", """{"password":"wrong password"}""", user.Token);
        await BrigApi.AssertErrorAsync(missing, HttpStatusCode.Forbidden, "missing-auth");
        await BrigApi.AssertErrorAsync(wrong, HttpStatusCode.Forbidden, "invalid-credentials", "Authentication failed.");

        var r = await Api.SendAsync(HttpMethod.Delete, "/v8/self", new JsonObject { ["password"] = user.Password }.ToJsonString(), user.Token);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var profile = await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, $"/v8/users/{BrigApi.Domain}/{user.Id}", token: other.Token));
        Assert.True((bool)profile["deleted"]!);
        Assert.Null(profile["handle"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.LoginAsync(user.Email, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Post, "/access", cookie: user.Cookie, content: BrigApi.EmptyForm())).StatusCode);
        // the e-mail is free again
        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, "/v8/register", BrigApi.RegisterJson(user.Email))).StatusCode);
    }
}

public sealed class SelfSqliteTests(SqliteBrigHost f) : SelfTests(f), IClassFixture<SqliteBrigHost>;

public sealed class SelfPostgresTests(PostgresBrigHost f) : SelfTests(f), IClassFixture<PostgresBrigHost>;
