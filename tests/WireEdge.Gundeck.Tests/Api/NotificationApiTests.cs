using System.Net;
using System.Text.Json;
using WireEdge.Gundeck.Notifications;
using WireEdge.Storage.Connections;

namespace WireEdge.Gundeck.Tests.Api;

public abstract class NotificationApiTests(StorageKind kind) : GundeckHostTestBase(kind)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(Guid user, string path)
    {
        using var response = await SendAsync(As(user, HttpMethod.Get, path));
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return (response.StatusCode, doc.RootElement.Clone());
    }

    private static List<string> Texts(JsonElement body)
        => [.. body.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("payload")[0].GetProperty("text").GetString()!)];

    [Fact]
    public async Task PushedNotifications_AreListed_WithSinceExclusive_AndTime()
    {
        var u = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            await PushAsync(PushJson(u, "m" + i));
        }

        var (status, body) = await GetAsync(u, "/v8/notifications");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["m0", "m1", "m2"], Texts(body));
        Assert.False(body.GetProperty("has_more").GetBoolean());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body.GetProperty("time").GetString());
        var first = body.GetProperty("notifications")[0].GetProperty("id").GetString()!;
        Assert.True(NotificationId.TryParse(first, out _));

        var (s2, after) = await GetAsync(u, "/v8/notifications?since=" + first);
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal(["m1", "m2"], Texts(after));
    }

    [Fact]
    public async Task Paging_Size100_With150Stored_HasMoreThenRest()
    {
        var u = Guid.NewGuid();
        var pushes = string.Join(",", Enumerable.Range(0, 150).Select(i => PushJson(u, "p" + i)[1..^1]));
        await PushAsync("[" + pushes + "]");
        var (_, page1) = await GetAsync(u, "/v8/notifications?size=100");
        Assert.Equal(100, page1.GetProperty("notifications").GetArrayLength());
        Assert.True(page1.GetProperty("has_more").GetBoolean());
        var last = page1.GetProperty("notifications")[99].GetProperty("id").GetString();
        var (_, page2) = await GetAsync(u, "/v8/notifications?size=100&since=" + last);
        Assert.Equal(50, page2.GetProperty("notifications").GetArrayLength());
        Assert.False(page2.GetProperty("has_more").GetBoolean());
        Assert.Equal(Enumerable.Range(0, 150).Select(i => "p" + i), Texts(page1).Concat(Texts(page2)));
    }

    [Theory]
    [InlineData("size=99")]
    [InlineData("size=10001")]
    [InlineData("size=abc")]
    [InlineData("client=xyz")]
    public async Task InvalidQuery_Is400(string query)
    {
        var (status, body) = await GetAsync(Guid.NewGuid(), "/v8/notifications?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("bad-request", body.GetProperty("label").GetString());
    }

    [Fact]
    public async Task UnknownSince_V3Plus_Is404NotFound()
    {
        var u = Guid.NewGuid();
        await PushAsync(PushJson(u, "x"));
        var unknown = new NotificationIdGenerator(TimeProvider.System).Next().Id;
        var (status, body) = await GetAsync(u, "/v8/notifications?since=" + unknown);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, body.GetProperty("code").GetInt32());
        Assert.Equal("not-found", body.GetProperty("label").GetString());
        Assert.Equal("Some notifications not found", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task UnknownSince_V2_Is404WithNotificationsAfterItsTime()
    {
        var u = Guid.NewGuid();
        await PushAsync(PushJson(u, "before"));
        var unknown = new NotificationIdGenerator(TimeProvider.System).Next().Id;
        await PushAsync(PushJson(u, "after"));
        var (status, body) = await GetAsync(u, "/v2/notifications?since=" + unknown);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["after"], Texts(body));

        var (s0, all) = await GetAsync(u, "/notifications?since=" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, s0);
        Assert.Equal(["before", "after"], Texts(all));
    }

    [Fact]
    public async Task NonV1Since_V3Plus_Is400()
    {
        var (status, body) = await GetAsync(Guid.NewGuid(), "/v8/notifications?since=" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("bad-request", body.GetProperty("label").GetString());
        Assert.Equal("Invalid Notification ID", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ClientTargeting_HidesOtherClientsNotifications_InListGetAndLast()
    {
        var u = Guid.NewGuid();
        await PushAsync(PushJson(u, "all"));
        await PushAsync(PushJson(u, "for-b", "\"b\""));
        var (_, forA) = await GetAsync(u, "/v8/notifications?client=a");
        Assert.Equal(["all"], Texts(forA));
        var (_, forB) = await GetAsync(u, "/v8/notifications?client=b");
        Assert.Equal(["all", "for-b"], Texts(forB));

        var idB = forB.GetProperty("notifications")[1].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(u, $"/v8/notifications/{idB}?client=a")).Status);
        var (okStatus, one) = await GetAsync(u, $"/v8/notifications/{idB}?client=b");
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal("for-b", one.GetProperty("payload")[0].GetProperty("text").GetString());

        var (_, lastA) = await GetAsync(u, "/v8/notifications/last?client=a");
        Assert.Equal("all", lastA.GetProperty("payload")[0].GetProperty("text").GetString());
        var (_, lastB) = await GetAsync(u, "/v8/notifications/last?client=b");
        Assert.Equal(idB, lastB.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Transient_IsNeverStored_AndLastIs404WhenEmpty()
    {
        var u = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(u, "/v8/notifications/last")).Status);
        await PushAsync(PushJson(u, "typing", transient: true));
        var (status, body) = await GetAsync(u, "/v8/notifications/last");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not-found", body.GetProperty("label").GetString());
        Assert.Empty(Texts((await GetAsync(u, "/v8/notifications")).Body));
    }

    [Fact]
    public async Task Time_ReturnsSecondsPrecision()
    {
        var (status, body) = await GetAsync(Guid.NewGuid(), "/time");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body.GetProperty("time").GetString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[{\"recipients\":[],\"payload\":[]}]")]
    [InlineData("[{\"recipients\":[{\"user_id\":\"nope\"}],\"payload\":[{}]}]")]
    [InlineData("[{\"recipients\":[],\"payload\":[{}],\"native_priority\":\"urgent\"}]")]
    [InlineData("not json")]
    public async Task InvalidPushBody_Is400(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Host.Internal.PostAsync("/i/push/v2", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PushEndpoint_IsNotReachableOnPublicListener()
    {
        Assert.NotNull(Host.PublicUri);
        using var content = new StringContent("[]", System.Text.Encoding.UTF8, "application/json");
        using var response = await Host.Public.PostAsync("/i/push/v2", content);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class NotificationApiSqliteTests() : NotificationApiTests(StorageKind.Sqlite);

public sealed class NotificationApiPostgresTests() : NotificationApiTests(StorageKind.Postgres);
