using System.Net;
using System.Text.Json;
using WireEdge.Storage.Connections;

namespace WireEdge.Gundeck.Tests.Api;

public abstract class PushTokenApiTests(StorageKind kind) : GundeckHostTestBase(kind)
{
    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(Guid u, string json, string? connection = "conn-1")
    {
        var response = await SendAsync(As(u, HttpMethod.Post, "/v8/push/tokens", connection, json));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task AddListDelete_RoundTrip()
    {
        var u = Guid.NewGuid();
        var (status, body, response) = await PostAsync(u, "{\"transport\":\"GCM\",\"app\":\"wire\",\"token\":\"tok-1\",\"client\":\"00ab\"}");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("/push/tokens/tok-1", response.Headers.Location?.OriginalString);
        Assert.Equal("ab", JsonDocument.Parse(body).RootElement.GetProperty("client").GetString());

        using var list = await SendAsync(As(u, HttpMethod.Get, "/v8/push/tokens"));
        var tokens = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("tokens");
        var t = Assert.Single(tokens.EnumerateArray());
        Assert.Equal("GCM", t.GetProperty("transport").GetString());
        Assert.Equal("wire", t.GetProperty("app").GetString());
        Assert.Equal("tok-1", t.GetProperty("token").GetString());

        using var other = await SendAsync(As(Guid.NewGuid(), HttpMethod.Delete, "/v8/push/tokens/tok-1"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var delete = await SendAsync(As(u, HttpMethod.Delete, "/v8/push/tokens/tok-1"));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var again = await SendAsync(As(u, HttpMethod.Delete, "/v8/push/tokens/tok-1"));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("not-found", JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("label").GetString());
    }

    [Theory]
    [InlineData("{\"transport\":\"APNS_VOIP\",\"app\":\"wire\",\"token\":\"abcd\",\"client\":\"1\"}", 400, "apns-voip-not-supported")]
    [InlineData("{\"transport\":\"APNS\",\"app\":\"wire\",\"token\":\"not-hex!\",\"client\":\"1\"}", 404, "invalid-token")]
    [InlineData("{\"transport\":\"GCM\",\"app\":\"\",\"token\":\"t\",\"client\":\"1\"}", 404, "app-not-found")]
    [InlineData("{\"transport\":\"SMOKE\",\"app\":\"wire\",\"token\":\"t\",\"client\":\"1\"}", 400, "bad-request")]
    [InlineData("{\"transport\":\"GCM\",\"app\":\"wire\",\"token\":\"t\",\"client\":\"zz\"}", 400, "bad-request")]
    [InlineData("{\"transport\":", 400, "bad-request")]
    public async Task InvalidToken_IsRejected(string json, int code, string label)
    {
        var (status, body, _) = await PostAsync(Guid.NewGuid(), json);
        Assert.Equal(code, (int)status);
        Assert.Equal(label, JsonDocument.Parse(body).RootElement.GetProperty("label").GetString());
    }

    [Fact]
    public async Task TooLongTokens_Are413()
    {
        var apns = new string('a', 400);
        var (s1, b1, _) = await PostAsync(Guid.NewGuid(), $"{{\"transport\":\"APNS\",\"app\":\"wire\",\"token\":\"{apns}\",\"client\":\"1\"}}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, s1);
        Assert.Equal("token-too-long", JsonDocument.Parse(b1).RootElement.GetProperty("label").GetString());
        var gcm = new string('g', 8192);
        var (s2, _, _) = await PostAsync(Guid.NewGuid(), $"{{\"transport\":\"GCM\",\"app\":\"wire\",\"token\":\"{gcm}\",\"client\":\"1\"}}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, s2);
        var (s3, _, _) = await PostAsync(Guid.NewGuid(), $"{{\"transport\":\"APNS\",\"app\":\"wire\",\"token\":\"{new string('a', 398)}\",\"client\":\"1\"}}");
        Assert.Equal(HttpStatusCode.Created, s3);
    }

    [Fact]
    public async Task WithoutConnection_Is400()
    {
        var (status, _, _) = await PostAsync(Guid.NewGuid(), "{\"transport\":\"GCM\",\"app\":\"wire\",\"token\":\"t\",\"client\":\"1\"}", connection: null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}

public sealed class PushTokenApiSqliteTests() : PushTokenApiTests(StorageKind.Sqlite);
