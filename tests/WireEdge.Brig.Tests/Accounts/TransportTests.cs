using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Brig.Users;
using WireEdge.Zauth;

namespace WireEdge.Brig.Tests.Accounts;

/// <summary>Transport conventions of the official client (CLIENT-CONTRACT.md §2) and brig's internal API.</summary>
public abstract class TransportTests(BrigHostFixture fixture)
{
    private BrigApi Api => fixture.Api;

    [Fact]
    public async Task GzipBodies_AreDecompressedOnEveryJsonEndpoint()
    {
        var user = await Api.RegisterAsync();

        var put = await Api.SendAsync(HttpMethod.Put, "/v8/self", """{"name":"Gzipped"}""", user.Token, gzip: true);
        var prop = await Api.SendAsync(HttpMethod.Put, "/v8/properties/gz", """{"compressed":true}""", user.Token, gzip: true);
        var login = await Api.LoginAsync(user.Email, user.Password);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, prop.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("Gzipped", (string)(await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/self", token: user.Token)))["name"]!);
        Assert.Equal("""{"compressed":true}""", await (await Api.SendAsync(HttpMethod.Get, "/v8/properties/gz", token: user.Token)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CorruptGzipBody_Returns400NotServerError()
    {
        var user = await Api.RegisterAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name":"not gzip at all"}"""));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json;charset=UTF-8");
        content.Headers.ContentEncoding.Add("gzip");

        var r = await Api.SendAsync(HttpMethod.Put, "/v8/self", token: user.Token, content: content);

        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.NotNull((await BrigApi.BodyAsync(r))["label"]);
    }

    [Fact]
    public async Task JsonEndpoints_AcceptAnyContentType()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(BrigApi.RegisterJson(BrigApi.NewEmail())));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/register", content: content);

        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
    }

    [Fact]
    public async Task ExpiredAccessToken_OnNormalEndpoint_Is401_AndRefreshesViaAccess()
    {
        var user = await Api.RegisterAsync();
        var expired = fixture.Host.Services.GetRequiredService<ZauthSigner>().CreateAccess(user.Id, null, 5, DateTimeOffset.UtcNow.AddSeconds(-30));

        var r = await Api.SendAsync(HttpMethod.Get, "/v8/self", token: expired);
        var refreshed = await Api.AccessAsync(user.Cookie, expired);

        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/v8/self", token: refreshed)).StatusCode);
    }

    [Fact]
    public async Task InternalUsers_ReturnsUsersById_AndRejectsBadIds()
    {
        var user = await Api.RegisterAsync(name: "Internal View");

        var r = await fixture.Host.Internal.GetAsync($"/i/users?ids={user.Id},{Guid.NewGuid()}");
        var bad = await fixture.Host.Internal.GetAsync("/i/users?ids=nope");
        var publicPath = await fixture.Host.Public.GetAsync($"/i/users?ids={user.Id}");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var list = (await BrigApi.BodyAsync(r)).AsArray();
        Assert.Equal("Internal View", (string)Assert.Single(list)!["name"]!);
        await BrigApi.AssertErrorAsync(bad, HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal(HttpStatusCode.NotFound, publicPath.StatusCode);
    }

    [Fact]
    public async Task InternalStatus_SuspendsAndResumes_AndRejectsUnknownStatus()
    {
        var user = await Api.RegisterAsync();

        var suspend = await fixture.Host.Internal.PutAsync($"/i/users/{user.Id}/status", BrigApi.Json("""{"status":"suspended"}"""));
        var resume = await fixture.Host.Internal.PutAsync($"/i/users/{user.Id}/status", BrigApi.Json("""{"status":"active"}"""));
        var bad = await fixture.Host.Internal.PutAsync($"/i/users/{user.Id}/status", BrigApi.Json("""{"status":"sleeping"}"""));
        var unknown = await fixture.Host.Internal.PutAsync($"/i/users/{Guid.NewGuid()}/status", BrigApi.Json("""{"status":"active"}"""));

        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync(user.Email, user.Password)).StatusCode);
        await BrigApi.AssertErrorAsync(bad, HttpStatusCode.BadRequest, "bad-request");
        await BrigApi.AssertErrorAsync(unknown, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task UserLookup_ReportsUsersAndChecksPasswords()
    {
        var user = await Api.RegisterAsync(name: "Lookup Me");
        var lookup = fixture.Host.Services.GetRequiredService<IUserLookup>();

        var users = await lookup.GetUsersAsync([user.Id, Guid.NewGuid()]);

        var summary = Assert.Single(users);
        Assert.Equal("Lookup Me", summary.Name);
        Assert.False(summary.Deleted);
        Assert.True(await lookup.CheckPasswordAsync(user.Id, user.Password));
        Assert.False(await lookup.CheckPasswordAsync(user.Id, "wrong password"));
        Assert.False(await lookup.CheckPasswordAsync(Guid.NewGuid(), user.Password));
    }

    [Fact]
    public async Task UnknownFields_AreIgnored_OnUpdates()
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Put, "/v8/self", new JsonObject { ["name"] = "Known", ["future_field"] = new JsonArray(1, 2) }.ToJsonString(), user.Token);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }
}

public sealed class TransportSqliteTests(SqliteBrigHost f) : TransportTests(f), IClassFixture<SqliteBrigHost>;

public sealed class TransportPostgresTests(PostgresBrigHost f) : TransportTests(f), IClassFixture<PostgresBrigHost>;
