using System.Net;
using System.Text.Json.Nodes;
using WireEdge.Brig.Tests.Accounts;

namespace WireEdge.Brig.Tests.Handles;

public abstract class HandleTests(BrigHostFixture fixture)
{
    private BrigApi Api => fixture.Api;

    private static string NewHandle() => "h" + Guid.NewGuid().ToString("N")[..14];

    [Fact]
    public async Task PutHandle_SetsIt_AndHeadHandlesReportsTaken()
    {
        var user = await Api.RegisterAsync();
        var handle = NewHandle();

        await Api.SetHandleAsync(user, handle);

        Assert.Equal(handle, (string)(await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/self", token: user.Token)))["handle"]!);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Head, $"/v8/handles/{handle}", token: user.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Head, $"/v6/users/handles/{handle}", token: user.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Head, $"/v8/handles/{NewHandle()}", token: user.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.SendAsync(HttpMethod.Head, "/v8/handles/NOT_VALID", token: user.Token)).StatusCode);
        var events = await Api.EventsAsync(user);
        Assert.Contains(events, e => (string?)e["type"] == "user.update" && (string?)e["user"]?["handle"] == handle);
    }

    [Fact]
    public async Task PutHandle_TakenByAnother_Returns409HandleExists_SameAgainIsOk()
    {
        var alice = await Api.RegisterAsync();
        var bob = await Api.RegisterAsync();
        var handle = NewHandle();
        await Api.SetHandleAsync(alice, handle);

        var r = await Api.SendAsync(HttpMethod.Put, "/v8/self/handle", new JsonObject { ["handle"] = handle }.ToJsonString(), bob.Token, gzip: true);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Conflict, "handle-exists");
        await Api.SetHandleAsync(alice, handle);
    }

    [Fact]
    public async Task PutHandle_Change_FreesTheOldHandle()
    {
        var alice = await Api.RegisterAsync();
        var bob = await Api.RegisterAsync();
        var first = NewHandle();
        await Api.SetHandleAsync(alice, first);

        await Api.SetHandleAsync(alice, NewHandle());

        await Api.SetHandleAsync(bob, first);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("UPPER")]
    [InlineData("with space")]
    [InlineData("admin")]
    [InlineData("ümlaut")]
    [InlineData("")]
    public async Task PutHandle_Invalid_Returns400InvalidHandle(string handle)
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Put, "/v8/self/handle", new JsonObject { ["handle"] = handle }.ToJsonString(), user.Token);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, "invalid-handle");
    }

    [Fact]
    public async Task PutHandle_Of257Chars_Returns400_MalformedBody_Returns400BadRequest()
    {
        var user = await Api.RegisterAsync();

        var tooLong = await Api.SendAsync(HttpMethod.Put, "/v8/self/handle", new JsonObject { ["handle"] = new string('a', 257) }.ToJsonString(), user.Token);
        var malformed = await Api.SendAsync(HttpMethod.Put, "/v8/self/handle", """{"handle":12}""", user.Token);

        await BrigApi.AssertErrorAsync(tooLong, HttpStatusCode.BadRequest, "invalid-handle");
        await BrigApi.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task PostHandles_ReturnsOnlyFreeValidHandles_UpToReturn()
    {
        var user = await Api.RegisterAsync();
        var taken = NewHandle();
        await Api.SetHandleAsync(user, taken);
        var free1 = NewHandle();
        var free2 = NewHandle();
        var body = new JsonObject { ["handles"] = new JsonArray(taken, "INVALID", free1, free2), ["return"] = 1 };

        var one = await Api.SendAsync(HttpMethod.Post, "/v8/handles", body.ToJsonString(), user.Token, gzip: true);
        body["return"] = 10;
        var all = await Api.SendAsync(HttpMethod.Post, "/v8/handles", body.ToJsonString(), user.Token);

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal([free1], (await BrigApi.BodyAsync(one)).AsArray().Select(h => (string)h!).ToArray());
        Assert.Equal([free1, free2], (await BrigApi.BodyAsync(all)).AsArray().Select(h => (string)h!).ToArray());
    }

    [Theory]
    [InlineData("""{"handles":[]}""")]
    [InlineData("""{"handles":["abc"],"return":0}""")]
    [InlineData("""{"handles":["abc"],"return":11}""")]
    [InlineData("""{"handles":"abc"}""")]
    public async Task PostHandles_WithInvalidBody_Returns400(string json)
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/handles", json, user.Token);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, "bad-request");
    }
}

public sealed class HandleSqliteTests(SqliteBrigHost f) : HandleTests(f), IClassFixture<SqliteBrigHost>;

public sealed class HandlePostgresTests(PostgresBrigHost f) : HandleTests(f), IClassFixture<PostgresBrigHost>;
