using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Brig.Tests.Accounts;
using WireEdge.Zauth;

namespace WireEdge.Brig.Tests.Auth;

public abstract class AccessTests(BrigHostFixture fixture)
{
    private BrigApi Api => fixture.Api;

    private ZauthSigner Signer => fixture.Host.Services.GetRequiredService<ZauthSigner>();

    private Task<HttpResponseMessage> AccessAsync(string? cookie, string? token = null, string query = "")
        => Api.SendAsync(HttpMethod.Post, "/access" + query, cookie: cookie, token: token, content: BrigApi.EmptyForm());

    [Fact]
    public async Task Access_WithCookieAndEmptyFormBody_ReturnsNewTokenWithoutRotatingTheCookie()
    {
        var user = await Api.RegisterAsync();

        var r = await AccessAsync(user.Cookie);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await BrigApi.BodyAsync(r);
        Assert.Equal(user.Id.ToString(), (string)body["user"]!);
        Assert.Equal("Bearer", (string)body["token_type"]!);
        Assert.Equal(900, (int)body["expires_in"]!);
        Assert.Equal("a", BrigApi.TokenField((string)body["access_token"]!, "t"));
        Assert.False(r.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Access_WithOldToken_KeepsTheConnection_WithoutIt_GetsANewOne()
    {
        var user = await Api.RegisterAsync();
        var c = BrigApi.TokenField(user.Token, "c");

        var renewed = await Api.AccessAsync(user.Cookie, user.Token);
        var fresh = await Api.AccessAsync(user.Cookie);

        Assert.Equal(c, BrigApi.TokenField(renewed, "c"));
        Assert.NotEqual(c, BrigApi.TokenField(fresh, "c"));
    }

    [Fact]
    public async Task Access_WithTokenInQueryString_KeepsTheConnection()
    {
        var user = await Api.RegisterAsync();

        var r = await AccessAsync(user.Cookie, query: "?access_token=" + Uri.EscapeDataString(user.Token));

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(BrigApi.TokenField(user.Token, "c"), BrigApi.TokenField((string)(await BrigApi.BodyAsync(r))["access_token"]!, "c"));
    }

    [Fact]
    public async Task Access_WithExpiredButGenuineToken_Renews()
    {
        var user = await Api.RegisterAsync();
        var expired = Signer.CreateAccess(user.Id, null, 4242, DateTimeOffset.UtcNow.AddMinutes(-5));

        var renewed = await Api.AccessAsync(user.Cookie, expired);

        Assert.Equal("4242", BrigApi.TokenField(renewed, "c"));
    }

    [Fact]
    public async Task Access_WithoutCookieOrToken_Returns403MissingCookieAndToken()
    {
        var r = await AccessAsync(null);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials", "Missing cookie and token");
    }

    [Fact]
    public async Task Access_WithTokenButNoCookie_Returns403MissingCookie()
    {
        var user = await Api.RegisterAsync();

        var r = await AccessAsync(null, user.Token);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials", "Missing cookie");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("a.b.c.d")]
    [InlineData("%%%%")]
    public async Task Access_WithGarbageCookie_Returns403NotAuthenticationFailed(string cookie)
    {
        var r = await Api.SendAsync(HttpMethod.Post, "/access", content: BrigApi.EmptyForm(), cookie: cookie);

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials");
        Assert.DoesNotContain("Authentication failed.", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_WithForgedCookie_Returns403()
    {
        var user = await Api.RegisterAsync();
        var forged = (user.Cookie[0] == 'A' ? 'B' : 'A') + user.Cookie[1..];

        var r = await AccessAsync(forged);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials");
    }

    [Fact]
    public async Task Access_WithExpiredCookie_Returns403ZauthTokenExpired()
    {
        var cookie = Signer.CreateUser(Guid.NewGuid(), 77, null, false, DateTimeOffset.UtcNow.AddMinutes(-1));

        var r = await AccessAsync(cookie);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials", "Zauth token expired");
    }

    [Fact]
    public async Task Access_WithValidButUnknownCookie_Returns403InvalidZauthToken()
    {
        var cookie = Signer.CreateUser(Guid.NewGuid(), 77, null, false, DateTimeOffset.UtcNow.AddDays(1));

        var r = await AccessAsync(cookie);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials", "Invalid zauth token");
    }

    [Fact]
    public async Task Access_WithAnAccessTokenAsCookie_Returns403()
    {
        var user = await Api.RegisterAsync();

        var r = await AccessAsync(user.Token);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials");
    }

    [Fact]
    public async Task Access_WithAnotherUsersToken_Returns403()
    {
        var alice = await Api.RegisterAsync();
        var bob = await Api.RegisterAsync();

        var r = await AccessAsync(alice.Cookie, bob.Token);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials");
    }

    [Fact]
    public async Task Access_WithForgedToken_Returns403()
    {
        var user = await Api.RegisterAsync();
        var forged = (user.Token[0] == 'A' ? 'B' : 'A') + user.Token[1..];

        var r = await AccessAsync(user.Cookie, forged);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials");
    }

    [Fact]
    public async Task Access_WithSeveralCookies_TheFirstValidOneWins()
    {
        var user = await Api.RegisterAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/access") { Content = BrigApi.EmptyForm() };
        request.Headers.Add("Cookie", $"zuid=garbage; other=1; zuid={user.Cookie}");

        var r = await fixture.Host.Public.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task Access_WithClientId_BindsTheClient_AndTheOldCookieKeepsWorking()
    {
        var user = await Api.RegisterAsync();

        var bound = await AccessAsync(user.Cookie, user.Token, "?client_id=00ABCdef");

        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        Assert.Equal("abcdef", BrigApi.TokenField((string)(await BrigApi.BodyAsync(bound))["access_token"]!, "i"));
        var newCookie = BrigApi.CookieOf(bound);
        Assert.Equal("abcdef", BrigApi.TokenField(newCookie, "i"));

        // The Node client ignores Set-Cookie on /access and keeps sending the old cookie.
        var again = await AccessAsync(user.Cookie, null, "?client_id=abcdef");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("abcdef", BrigApi.TokenField((string)(await BrigApi.BodyAsync(again))["access_token"]!, "i"));
        var noParam = await Api.AccessAsync(user.Cookie);
        Assert.Equal("abcdef", BrigApi.TokenField(noParam, "i"));
        var viaNew = await Api.AccessAsync(newCookie);
        Assert.Equal("abcdef", BrigApi.TokenField(viaNew, "i"));
    }

    [Fact]
    public async Task Access_WithADifferentClientIdThanTheCookies_Returns403()
    {
        var user = await Api.RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, (await AccessAsync(user.Cookie, query: "?client_id=abc")).StatusCode);

        var r = await AccessAsync(user.Cookie, query: "?client_id=def");

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials");
    }

    [Fact]
    public async Task Access_WithInvalidClientId_Returns400()
    {
        var user = await Api.RegisterAsync();

        var r = await AccessAsync(user.Cookie, query: "?client_id=not-hex");

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Access_KeepsTheClientOfTheOldToken()
    {
        var user = await Api.RegisterAsync();
        var old = Signer.CreateAccess(user.Id, "beef", 7, DateTimeOffset.UtcNow.AddMinutes(5));

        var renewed = await Api.AccessAsync(user.Cookie, old);

        Assert.Equal("beef", BrigApi.TokenField(renewed, "i"));
        Assert.Equal("7", BrigApi.TokenField(renewed, "c"));
    }

    [Fact]
    public async Task Access_UnderVersionPrefix_AlsoWorks()
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/access", cookie: user.Cookie, content: BrigApi.EmptyForm());

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }
}

public sealed class AccessSqliteTests(SqliteBrigHost f) : AccessTests(f), IClassFixture<SqliteBrigHost>;

public sealed class AccessPostgresTests(PostgresBrigHost f) : AccessTests(f), IClassFixture<PostgresBrigHost>;
