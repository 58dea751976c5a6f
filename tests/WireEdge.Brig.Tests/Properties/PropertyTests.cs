using System.Net;
using System.Text.Json.Nodes;
using WireEdge.Brig.Tests.Accounts;

namespace WireEdge.Brig.Tests.Properties;

public abstract class PropertyTests(BrigHostFixture fixture)
{
    private BrigApi Api => fixture.Api;

    [Theory]
    [InlineData("""{"settings":{"receipts":true,"labels":[1,"zwei",null]},"emoji":"😀 grüße"}""")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"plain string\"")]
    public async Task PutThenGet_RoundTripsAnyJson(string json)
    {
        var user = await Api.RegisterAsync();

        var put = await Api.SendAsync(HttpMethod.Put, "/v8/properties/webapp", json, user.Token, gzip: true);
        var get = await Api.SendAsync(HttpMethod.Get, "/v8/properties/webapp", token: user.Token);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(await get.Content.ReadAsStringAsync())));
    }

    [Fact]
    public async Task Get_Missing_Returns404WithEmptyBody()
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Get, "/v8/properties/nothing-here", token: user.Token);

        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal(string.Empty, await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KeysValuesDeleteAndClear_WorkPerUser_AndEmitEvents()
    {
        var user = await Api.RegisterAsync();
        var other = await Api.RegisterAsync();
        await Api.SendAsync(HttpMethod.Put, "/v8/properties/a", """{"x":1}""", user.Token);
        await Api.SendAsync(HttpMethod.Put, "/v8/properties/b", "[true]", user.Token);
        await Api.SendAsync(HttpMethod.Put, "/v8/properties/a", """{"x":2}""", other.Token);

        var keys = await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/properties", token: user.Token));
        var values = await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/properties-values", token: user.Token));
        Assert.Equal(["a", "b"], keys.AsArray().Select(k => (string)k!).ToArray());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":{"x":1},"b":[true]}"""), values));

        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Delete, "/v8/properties/a", token: user.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, "/v8/properties/a", token: user.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/v8/properties/a", token: other.Token)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Delete, "/v8/properties", token: user.Token)).StatusCode);
        Assert.Empty((await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/properties", token: user.Token))).AsArray());
        Assert.Empty((await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/properties-values", token: user.Token))).AsObject());

        var types = (await Api.EventsAsync(user)).Select(e => (string?)e["type"]).ToList();
        Assert.Contains("user.properties-set", types);
        Assert.Contains("user.properties-delete", types);
        Assert.Contains("user.properties-clear", types);
        var set = (await Api.EventsAsync(user)).First(e => (string?)e["type"] == "user.properties-set");
        Assert.Equal("a", (string)set["key"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"x":1}"""), set["value"]));
    }

    [Fact]
    public async Task Put_ValueTooLarge_Returns403_KeyTooLarge_Returns403_InvalidJson_Returns400()
    {
        var user = await Api.RegisterAsync();
        var big = "\"" + new string('v', 524_288) + "\"";

        // Through the edge the body limit (512 KiB, as nginz) answers first; brig's own check answers behind it.
        var throughEdge = await Api.SendAsync(HttpMethod.Put, "/v8/properties/big", big, user.Token, gzip: true);
        using var direct = new HttpRequestMessage(HttpMethod.Put, "/v8/properties/big") { Content = BrigApi.Json(big) };
        direct.Headers.Add("Z-User", user.Id.ToString());
        var tooLarge = await fixture.Host.Internal.SendAsync(direct);
        var longKey = await Api.SendAsync(HttpMethod.Put, "/v8/properties/" + new string('k', 1025), "1", user.Token);
        var invalid = await Api.SendAsync(HttpMethod.Put, "/v8/properties/bad", "{not json", user.Token);
        var empty = await Api.SendAsync(HttpMethod.Put, "/v8/properties/empty", "", user.Token);
        var maxKey = await Api.SendAsync(HttpMethod.Put, "/v8/properties/" + new string('k', 1024), "1", user.Token);

        Assert.Contains(throughEdge.StatusCode, new[] { HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.Forbidden });
        await BrigApi.AssertErrorAsync(tooLarge, HttpStatusCode.Forbidden, "property-value-too-large");
        await BrigApi.AssertErrorAsync(longKey, HttpStatusCode.Forbidden, "property-key-too-large");
        await BrigApi.AssertErrorAsync(invalid, HttpStatusCode.BadRequest, "bad-request");
        await BrigApi.AssertErrorAsync(empty, HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal(HttpStatusCode.OK, maxKey.StatusCode);
    }

    [Fact]
    public async Task Put_SeventeenthProperty_Returns403TooManyProperties_OverwriteStillWorks()
    {
        var user = await Api.RegisterAsync();
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Put, $"/v8/properties/k{i}", "1", user.Token)).StatusCode);
        }

        var r = await Api.SendAsync(HttpMethod.Put, "/v8/properties/k16", "1", user.Token);
        var overwrite = await Api.SendAsync(HttpMethod.Put, "/v8/properties/k3", "2", user.Token);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "too-many-properties");
        Assert.Equal(HttpStatusCode.OK, overwrite.StatusCode);
    }

    [Fact]
    public async Task Properties_WithoutToken_Return401()
    {
        var r = await Api.SendAsync(HttpMethod.Get, "/v8/properties-values");

        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }
}

public sealed class PropertySqliteTests(SqliteBrigHost f) : PropertyTests(f), IClassFixture<SqliteBrigHost>;

public sealed class PropertyPostgresTests(PostgresBrigHost f) : PropertyTests(f), IClassFixture<PostgresBrigHost>;
