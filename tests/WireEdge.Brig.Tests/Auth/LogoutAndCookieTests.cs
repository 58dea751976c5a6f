using System.Net;
using System.Text.Json.Nodes;
using WireEdge.Brig.Tests.Accounts;

namespace WireEdge.Brig.Tests.Auth;

public abstract class LogoutAndCookieTests(BrigHostFixture fixture)
{
    private BrigApi Api => fixture.Api;

    [Fact]
    public async Task Logout_RevokesTheCookie()
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Post, "/access/logout", cookie: user.Cookie, token: user.Token, content: BrigApi.EmptyForm());

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var after = await Api.SendAsync(HttpMethod.Post, "/access", cookie: user.Cookie, content: BrigApi.EmptyForm());
        await BrigApi.AssertErrorAsync(after, HttpStatusCode.Forbidden, "invalid-credentials", "Invalid zauth token");
    }

    [Fact]
    public async Task Logout_AfterClientBinding_RevokesOldAndNewCookie()
    {
        var user = await Api.RegisterAsync();
        var bound = await Api.SendAsync(HttpMethod.Post, "/access?client_id=abc", cookie: user.Cookie, content: BrigApi.EmptyForm());
        var newCookie = BrigApi.CookieOf(bound);

        var r = await Api.SendAsync(HttpMethod.Post, "/access/logout", cookie: user.Cookie, token: user.Token, content: BrigApi.EmptyForm());

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Post, "/access", cookie: newCookie, content: BrigApi.EmptyForm())).StatusCode);
    }

    [Fact]
    public async Task Logout_WithoutToken_Returns403MissingToken()
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Post, "/access/logout", cookie: user.Cookie, content: BrigApi.EmptyForm());

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials", "Missing token");
        await Api.AccessAsync(user.Cookie);
    }

    [Fact]
    public async Task Logout_WithoutAnything_Returns403MissingCookieAndToken()
    {
        var r = await Api.SendAsync(HttpMethod.Post, "/access/logout", content: BrigApi.EmptyForm());

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials", "Missing cookie and token");
    }

    [Fact]
    public async Task Logout_WithAnotherUsersToken_Returns403AndKeepsTheCookie()
    {
        var alice = await Api.RegisterAsync();
        var bob = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Post, "/access/logout", cookie: alice.Cookie, token: bob.Token, content: BrigApi.EmptyForm());

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials");
        await Api.AccessAsync(alice.Cookie);
    }

    [Fact]
    public async Task Cookies_ListsTheUsersCookies_FilteredByLabel()
    {
        var user = await Api.RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync(user.Email, user.Password, persist: false, label: "desk")).StatusCode);

        var all = await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/cookies", token: user.Token));
        var desk = await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/cookies?labels=desk,other", token: user.Token));

        Assert.Equal(2, all["cookies"]!.AsArray().Count);
        var only = Assert.Single(desk["cookies"]!.AsArray())!;
        Assert.Equal("desk", (string?)only["label"]);
        Assert.Equal("session", (string?)only["type"]);
        Assert.True(DateTimeOffset.TryParse((string?)only["created"], out _));
        Assert.True(DateTimeOffset.TryParse((string?)only["expires"], out _));
        Assert.True((long)only["id"]! >= 0);
    }

    [Fact]
    public async Task Cookies_WithoutToken_Returns401()
    {
        var r = await Api.SendAsync(HttpMethod.Get, "/v8/cookies");

        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Fact]
    public async Task RemoveCookies_ByLabel_RevokesThem()
    {
        var user = await Api.RegisterAsync();
        var desk = BrigApi.CookieOf(await Api.LoginAsync(user.Email, user.Password, label: "desk"));

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/cookies/remove", new JsonObject { ["password"] = user.Password, ["labels"] = new JsonArray("desk") }.ToJsonString(), user.Token, gzip: true);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Post, "/access", cookie: desk, content: BrigApi.EmptyForm())).StatusCode);
        await Api.AccessAsync(user.Cookie);
    }

    [Fact]
    public async Task RemoveCookies_ById_RevokesIt()
    {
        var user = await Api.RegisterAsync();
        var id = uint.Parse(BrigApi.TokenField(user.Cookie, "r")!, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/cookies/remove", new JsonObject { ["password"] = user.Password, ["ids"] = new JsonArray(id) }.ToJsonString(), user.Token);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Post, "/access", cookie: user.Cookie, content: BrigApi.EmptyForm())).StatusCode);
    }

    [Fact]
    public async Task RemoveCookies_WithWrongPassword_Returns403AuthenticationFailed()
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/cookies/remove", new JsonObject { ["password"] = "nope nope", ["labels"] = new JsonArray() }.ToJsonString(), user.Token);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials", "Authentication failed.");
        await Api.AccessAsync(user.Cookie);
    }

    [Theory]
    [InlineData("""{"labels":["x"]}""")]
    [InlineData("""{"password":"x","ids":["not a number"]}""")]
    [InlineData("""{"password":"x","ids":[-1]}""")]
    [InlineData("{")]
    public async Task RemoveCookies_WithMalformedBody_Returns400(string json)
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/cookies/remove", json, user.Token);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, "bad-request");
    }
}

public sealed class LogoutAndCookieSqliteTests(SqliteBrigHost f) : LogoutAndCookieTests(f), IClassFixture<SqliteBrigHost>;

public sealed class LogoutAndCookiePostgresTests(PostgresBrigHost f) : LogoutAndCookieTests(f), IClassFixture<PostgresBrigHost>;
