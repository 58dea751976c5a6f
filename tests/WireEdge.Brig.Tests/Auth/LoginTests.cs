using System.Net;
using System.Text.Json.Nodes;
using WireEdge.Brig.Tests.Accounts;

namespace WireEdge.Brig.Tests.Auth;

public abstract class LoginTests(BrigHostFixture fixture)
{
    private BrigApi Api => fixture.Api;

    [Fact]
    public async Task Login_ByEmailWithPersist_ReturnsAccessTokenAndPersistentCookie()
    {
        var user = await Api.RegisterAsync();

        var r = await Api.LoginAsync(user.Email, user.Password, persist: true);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await BrigApi.BodyAsync(r);
        Assert.Equal(user.Id.ToString(), (string)body["user"]!);
        Assert.Equal("Bearer", (string)body["token_type"]!);
        Assert.Equal(900, (int)body["expires_in"]!);
        var token = (string)body["access_token"]!;
        Assert.Equal("a", BrigApi.TokenField(token, "t"));
        Assert.Equal("1", BrigApi.TokenField(token, "v"));
        Assert.Equal(user.Id.ToString(), BrigApi.TokenField(token, "u"));
        var header = BrigApi.SetCookieHeader(r);
        Assert.Contains("; Expires=", header, StringComparison.Ordinal);
        Assert.Equal(string.Empty, BrigApi.TokenField(BrigApi.CookieOf(r), "l"));
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/v8/self", token: token)).StatusCode);
    }

    [Fact]
    public async Task Login_WithoutPersist_IssuesSessionCookieWithoutExpires()
    {
        var user = await Api.RegisterAsync();

        var r = await Api.LoginAsync(user.Email, user.Password, persist: false);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.DoesNotContain("Expires=", BrigApi.SetCookieHeader(r), StringComparison.Ordinal);
        Assert.Equal("s", BrigApi.TokenField(BrigApi.CookieOf(r), "l"));
    }

    [Fact]
    public async Task Login_ByHandle_Succeeds()
    {
        var user = await Api.RegisterAsync();
        var handle = "h" + Guid.NewGuid().ToString("N")[..12];
        await Api.SetHandleAsync(user, handle);

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/login", new JsonObject { ["handle"] = handle, ["password"] = user.Password }.ToJsonString(), gzip: true);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(user.Id.ToString(), (string)(await BrigApi.BodyAsync(r))["user"]!);
    }

    [Fact]
    public async Task Login_WithWrongPassword_Returns403WithExactlyTheWireBody()
    {
        var user = await Api.RegisterAsync();

        var r = await Api.LoginAsync(user.Email, "not the password");

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal("""{"code":403,"label":"invalid-credentials","message":"Authentication failed."}""", await r.Content.ReadAsStringAsync());
        Assert.False(r.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Login_WithUnknownEmail_Returns403AuthenticationFailed()
    {
        var r = await Api.LoginAsync(BrigApi.NewEmail(), "whatever password");

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials", "Authentication failed.");
    }

    [Fact]
    public async Task Login_OfSuspendedUser_Returns403Suspended()
    {
        var user = await Api.RegisterAsync();
        var suspend = await fixture.Host.Internal.PutAsync($"/i/users/{user.Id}/status", BrigApi.Json("""{"status":"suspended"}"""));
        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);

        var r = await Api.LoginAsync(user.Email, user.Password);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "suspended");
        var access = await Api.SendAsync(HttpMethod.Post, "/access", cookie: user.Cookie, content: BrigApi.EmptyForm());
        await BrigApi.AssertErrorAsync(access, HttpStatusCode.Forbidden, "invalid-credentials");
    }

    [Fact]
    public async Task Login_AfterTooManyFailures_Returns403TooManyFailedLoginsWithRetryAfter()
    {
        var user = await Api.RegisterAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Api.LoginAsync(user.Email, "wrong password " + i)).StatusCode);
        }

        var r = await Api.LoginAsync(user.Email, user.Password);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "client-error", "Too many failed logins");
        Assert.True(int.Parse(Assert.Single(r.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Theory]
    [InlineData("""{"password":"some password"}""")]
    [InlineData("""{"email":"a@example.com"}""")]
    [InlineData("""{"email":"a@example.com","password":""}""")]
    [InlineData("""{"email":5,"password":"some password"}""")]
    [InlineData("""{"email":"a@example.com","password":""")]
    [InlineData("""not json""")]
    [InlineData("")]
    public async Task Login_WithMalformedBody_Returns400(string json)
    {
        var r = await Api.SendAsync(HttpMethod.Post, "/v8/login", json);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Login_WithOverlongPassword_Returns400()
    {
        var r = await Api.LoginAsync(BrigApi.NewEmail(), new string('x', 1025));

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Login_WithGarbagePersist_Returns400()
    {
        var r = await Api.SendAsync(HttpMethod.Post, "/v8/login?persist=maybe", """{"email":"a@example.com","password":"some password"}""");

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Login_WithSameLabel_RevokesTheEarlierCookie_AndSuggestsRefresh()
    {
        var user = await Api.RegisterAsync();
        var first = BrigApi.CookieOf(await Api.LoginAsync(user.Email, user.Password, label: "laptop"));
        var other = BrigApi.CookieOf(await Api.LoginAsync(user.Email, user.Password, label: "phone"));

        var second = BrigApi.CookieOf(await Api.LoginAsync(user.Email, user.Password, label: "laptop"));

        var old = await Api.SendAsync(HttpMethod.Post, "/access", cookie: first, content: BrigApi.EmptyForm());
        await BrigApi.AssertErrorAsync(old, HttpStatusCode.Forbidden, "invalid-credentials", "Invalid zauth token");
        await Api.AccessAsync(second);
        await Api.AccessAsync(other);
        var events = await Api.EventsAsync(user);
        Assert.Contains(events, e => (string?)e["type"] == "user.session-refresh-suggested");
    }

    [Fact]
    public async Task Login_ManyTimes_KeepsAtMost32Cookies()
    {
        var user = await Api.RegisterAsync();
        for (var i = 0; i < 33; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync(user.Email, user.Password)).StatusCode);
        }

        var r = await Api.SendAsync(HttpMethod.Get, "/v8/cookies", token: user.Token);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(32, (await BrigApi.BodyAsync(r))["cookies"]!.AsArray().Count);
        var evicted = await Api.SendAsync(HttpMethod.Post, "/access", cookie: user.Cookie, content: BrigApi.EmptyForm());
        await BrigApi.AssertErrorAsync(evicted, HttpStatusCode.Forbidden, "invalid-credentials");
    }

    [Fact]
    public async Task Login_WithPhone_Returns400InvalidPhone()
    {
        var r = await Api.SendAsync(HttpMethod.Post, "/v8/login", """{"phone":"+4912345678","password":"some password"}""");

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, "invalid-phone");
    }
}

public sealed class LoginSqliteTests(SqliteBrigHost f) : LoginTests(f), IClassFixture<SqliteBrigHost>;

public sealed class LoginPostgresTests(PostgresBrigHost f) : LoginTests(f), IClassFixture<PostgresBrigHost>;
