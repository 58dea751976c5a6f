using System.Net;
using System.Text.Json.Nodes;

namespace WireEdge.Brig.Tests.Accounts;

public abstract class RegisterTests(BrigHostFixture fixture)
{
    private BrigApi Api => fixture.Api;

    [Fact]
    public async Task Register_WithValidBody_Returns201UserLocationAndPersistentZuidCookie()
    {
        var email = BrigApi.NewEmail();
        var r = await Api.SendAsync(HttpMethod.Post, "/v8/register", BrigApi.RegisterJson(email, name: "Zoë Test"), gzip: true);

        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var body = await BrigApi.BodyAsync(r);
        var id = (string)body["id"]!;
        Assert.Equal(id, (string)body["qualified_id"]!["id"]!);
        Assert.Equal(BrigApi.Domain, (string)body["qualified_id"]!["domain"]!);
        Assert.Equal("Zoë Test", (string)body["name"]!);
        Assert.Equal(email, (string)body["email"]!);
        Assert.Equal("en-US", (string)body["locale"]!);
        Assert.Equal("active", (string)body["status"]!);
        Assert.Equal("wire", (string)body["managed_by"]!);
        Assert.Equal(0, (int)body["accent_id"]!);
        Assert.Empty(body["assets"]!.AsArray());
        Assert.Equal($"/users/{id}", r.Headers.Location?.OriginalString);

        var setCookie = BrigApi.SetCookieHeader(r);
        Assert.StartsWith("zuid=", setCookie, StringComparison.Ordinal);
        Assert.Contains("; Path=/access", setCookie, StringComparison.Ordinal);
        Assert.Contains("; HttpOnly", setCookie, StringComparison.Ordinal);
        Assert.Contains("; Secure", setCookie, StringComparison.Ordinal);
        Assert.Contains("; Expires=", setCookie, StringComparison.Ordinal);
        var cookie = BrigApi.CookieOf(r);
        Assert.Equal("u", BrigApi.TokenField(cookie, "t"));
        Assert.Equal(string.Empty, BrigApi.TokenField(cookie, "l"));
        Assert.Equal(id, BrigApi.TokenField(cookie, "u"));
    }

    [Fact]
    public async Task Register_ThenSelfWithoutToken_Is401_AndAccessWorks()
    {
        var r = await Api.SendAsync(HttpMethod.Post, "/v8/register", BrigApi.RegisterJson(BrigApi.NewEmail()), gzip: true);
        var cookie = BrigApi.CookieOf(r);

        var self = await Api.SendAsync(HttpMethod.Get, "/v8/self");
        Assert.Equal(HttpStatusCode.Unauthorized, self.StatusCode);

        var token = await Api.AccessAsync(cookie);
        var withToken = await Api.SendAsync(HttpMethod.Get, "/v8/self", token: token);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }

    [Fact]
    public async Task Register_SameEmailTwiceInAnyCase_Returns409KeyExists()
    {
        var email = BrigApi.NewEmail();
        await Api.RegisterAsync(email);

        var again = await Api.SendAsync(HttpMethod.Post, "/v8/register", BrigApi.RegisterJson(email.ToUpperInvariant()));

        await BrigApi.AssertErrorAsync(again, HttpStatusCode.Conflict, "key-exists");
    }

    [Theory]
    [InlineData("""{"name":"","email":"a@example.com","password":"longenough"}""", "bad-request")]
    [InlineData("""{"name":"   ","email":"a@example.com","password":"longenough"}""", "bad-request")]
    [InlineData("""{"email":"a@example.com","password":"longenough"}""", "bad-request")]
    [InlineData("""{"name":"A","email":"a@example.com","password":"short"}""", "bad-request")]
    [InlineData("""{"name":"A","email":"not-an-email","password":"longenough"}""", "invalid-email")]
    [InlineData("""{"name":"A","email":"a@localhost","password":"longenough"}""", "invalid-email")]
    [InlineData("""{"name":"A","email":"a b@example.com","password":"longenough"}""", "invalid-email")]
    [InlineData("""{"name":"A","email":"a@example.com","password":"longenough","locale":"not a locale"}""", "bad-request")]
    [InlineData("""{"name":"A","email":"a@example.com","password":"longenough","invitation_code":"abc"}""", "invalid-invitation-code")]
    [InlineData("""{"name":"A","phone":"+491234567","password":"longenough"}""", "invalid-phone")]
    [InlineData("""{"name":5,"email":"a@example.com","password":"longenough"}""", "bad-request")]
    [InlineData("""{"name":"A","email":"a@example.com","password":"longenough","accent_id":"blue"}""", "bad-request")]
    [InlineData("""{"name":"A","email":"a@example.com","password":"longenough","accent_id":99999999999}""", "bad-request")]
    [InlineData("""{"name":"A","email":"a@example.com","password":"longenough","assets":[{"key":"k","type":"video"}]}""", "bad-request")]
    [InlineData("""{"name":"A","email":"a@example.com","password":"longenough","team":{"name":""}}""", "bad-request")]
    [InlineData("""{"name":"A","email":""", "bad-request")]
    [InlineData("""[1,2,3]""", "bad-request")]
    [InlineData("""null""", "bad-request")]
    [InlineData("", "bad-request")]
    public async Task Register_WithInvalidBody_Returns400WithLabel(string json, string label)
    {
        var r = await Api.SendAsync(HttpMethod.Post, "/v8/register", json);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, label);
    }

    [Fact]
    public async Task Register_WithoutEmail_Returns403MissingIdentity()
    {
        var r = await Api.SendAsync(HttpMethod.Post, "/v8/register", """{"name":"No Mail","password":"longenough"}""");

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "missing-identity");
    }

    [Fact]
    public async Task Register_WithTooLongNameOrPassword_Returns400()
    {
        var longName = new string('n', 129);
        var r1 = await Api.SendAsync(HttpMethod.Post, "/v8/register", BrigApi.RegisterJson(BrigApi.NewEmail(), name: longName));
        var r2 = await Api.SendAsync(HttpMethod.Post, "/v8/register", BrigApi.RegisterJson(BrigApi.NewEmail(), password: new string('p', 1025)));
        var ok = await Api.SendAsync(HttpMethod.Post, "/v8/register", BrigApi.RegisterJson(BrigApi.NewEmail(), name: new string('n', 128)));

        await BrigApi.AssertErrorAsync(r1, HttpStatusCode.BadRequest, "bad-request");
        await BrigApi.AssertErrorAsync(r2, HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task Register_WithUnknownFieldsAndPlainJson_Succeeds()
    {
        var body = new JsonObject
        {
            ["name"] = "Extra",
            ["email"] = BrigApi.NewEmail(),
            ["password"] = BrigApi.DefaultPassword,
            ["something_new"] = new JsonObject { ["x"] = 1 },
            ["accent_id"] = 3,
            ["assets"] = new JsonArray(new JsonObject { ["key"] = "3-1-abc", ["type"] = "image", ["size"] = "preview" }),
        };

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/register", body.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var user = await BrigApi.BodyAsync(r);
        Assert.Equal(3, (int)user["accent_id"]!);
        Assert.Equal("3-1-abc", (string)user["assets"]![0]!["key"]!);
    }

    [Fact]
    public async Task Register_WithTeam_SetsTheUsersTeam()
    {
        var body = new JsonObject
        {
            ["name"] = "Owner",
            ["email"] = BrigApi.NewEmail(),
            ["password"] = BrigApi.DefaultPassword,
            ["team"] = new JsonObject { ["name"] = "Team A", ["icon"] = "default" },
        };

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/register", body.ToJsonString(), gzip: true);

        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var team = (string?)(await BrigApi.BodyAsync(r))["team"];
        Assert.True(Guid.TryParse(team, out _));
        var token = await Api.AccessAsync(BrigApi.CookieOf(r));
        var self = await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/self", token: token));
        Assert.Equal(team, (string?)self["team"]);
    }

    [Fact]
    public async Task Register_UnversionedAndOldVersionPaths_Work()
    {
        var r0 = await Api.SendAsync(HttpMethod.Post, "/register", BrigApi.RegisterJson(BrigApi.NewEmail()));
        var r3 = await Api.SendAsync(HttpMethod.Post, "/v3/register", BrigApi.RegisterJson(BrigApi.NewEmail()));

        Assert.Equal(HttpStatusCode.Created, r0.StatusCode);
        Assert.Equal(HttpStatusCode.Created, r3.StatusCode);
    }
}

public sealed class RegisterSqliteTests(SqliteBrigHost f) : RegisterTests(f), IClassFixture<SqliteBrigHost>;

public sealed class RegisterPostgresTests(PostgresBrigHost f) : RegisterTests(f), IClassFixture<PostgresBrigHost>;
