using System.Net;
using System.Text.Json;

namespace WireEdge.Edge.Tests.Functional;

public sealed class ZauthEnforcementTests : IAsyncLifetime
{
    private EdgeHost edge = null!;

    public async Task InitializeAsync() => edge = await EdgeHost.StartAsync();

    public async Task DisposeAsync() => await edge.DisposeAsync();

    private static async Task AssertWireError(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, doc.RootElement.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("label").GetString()));
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task ProtectedRoute_WithoutToken_Returns401WireError()
    {
        using var r = await edge.Public.GetAsync("/v5/identity-providers");
        await AssertWireError(r, HttpStatusCode.Unauthorized);
        Assert.Equal(0, edge.Upstream.Requests);
    }

    [Fact]
    public async Task ProtectedRoute_WithForgedToken_Returns401()
    {
        var token = edge.AccessToken(Guid.NewGuid());
        var chars = token.ToCharArray();
        chars[5] = chars[5] == 'A' ? 'B' : 'A';
        var forged = new string(chars);
        using var req = new HttpRequestMessage(HttpMethod.Get, "/identity-providers");
        req.Headers.TryAddWithoutValidation("Authorization", "Bearer " + forged);
        using var r = await edge.Public.SendAsync(req);
        await AssertWireError(r, HttpStatusCode.Unauthorized);
        Assert.Equal(0, edge.Upstream.Requests);
    }

    [Fact]
    public async Task ProtectedRoute_WithGarbageAuthorization_Returns401()
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, "/identity-providers");
        req.Headers.TryAddWithoutValidation("Authorization", "Basic Zm9vOmJhcg==");
        using var r = await edge.Public.SendAsync(req);
        await AssertWireError(r, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UserToken_OnAccessRoute_Returns403()
    {
        var token = edge.Signer.CreateUser(Guid.NewGuid(), 7, null, false, DateTimeOffset.UtcNow.AddDays(1));
        using var req = new HttpRequestMessage(HttpMethod.Get, "/v5/identity-providers");
        req.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var r = await edge.Public.SendAsync(req);
        await AssertWireError(r, HttpStatusCode.Forbidden);
        Assert.Equal(0, edge.Upstream.Requests);
    }

    [Fact]
    public async Task AccessToken_ReachesUpstream_WithTrustedHeadersOnly()
    {
        var user = Guid.NewGuid();
        using var req = new HttpRequestMessage(HttpMethod.Get, "/v5/identity-providers?x=1");
        req.Headers.TryAddWithoutValidation("Authorization", "Bearer " + edge.AccessToken(user, "c0ffee", 1234));
        req.Headers.TryAddWithoutValidation("Z-User", Guid.NewGuid().ToString());
        req.Headers.TryAddWithoutValidation("Z-Type", "bot");
        req.Headers.TryAddWithoutValidation("z-bot", Guid.NewGuid().ToString());
        using var r = await edge.Public.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("fake", r.Headers.GetValues("X-Upstream").Single());
        var echo = Echo.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("GET /v5/identity-providers?x=1", echo.RequestLine);
        Assert.Equal(user.ToString(), echo.Header("Z-User"));
        Assert.Equal("c0ffee", echo.Header("Z-Client"));
        Assert.Equal("1234", echo.Header("Z-Connection"));
        Assert.Equal("access", echo.Header("Z-Type"));
        Assert.Null(echo.Header("Z-Bot"));
        Assert.Null(echo.Header("Authorization"));
        Assert.False(string.IsNullOrEmpty(echo.Header("Request-Id")));
        Assert.Equal(r.Headers.GetValues("Request-Id").Single(), echo.Header("Request-Id"));
    }

    [Fact]
    public async Task AccessTokenInQuery_IsAccepted()
    {
        var user = Guid.NewGuid();
        var token = Uri.EscapeDataString(edge.AccessToken(user));
        using var r = await edge.Public.GetAsync($"/scim/auth-tokens?access_token={token}&y=2");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(user.ToString(), Echo.Parse(await r.Content.ReadAsStringAsync()).Header("Z-User"));
    }

    [Fact]
    public async Task ForgedZUser_OnUnauthenticatedRoute_NeverReachesUpstream()
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, "/sso/initiate-login/abc");
        req.Headers.TryAddWithoutValidation("Z-User", Guid.NewGuid().ToString());
        req.Headers.TryAddWithoutValidation("Z-Connection", "9");
        req.Headers.TryAddWithoutValidation("Authorization", "Bearer keep-me");
        using var r = await edge.Public.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var echo = Echo.Parse(await r.Content.ReadAsStringAsync());
        Assert.Null(echo.Header("Z-User"));
        Assert.Null(echo.Header("Z-Connection"));
        Assert.Equal("Bearer keep-me", echo.Header("Authorization"));
    }

    [Fact]
    public async Task PostBody_IsForwarded_AndChunkedResponseRelayed()
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/scim/chunked");
        req.Headers.TryAddWithoutValidation("Authorization", "Bearer " + edge.AccessToken(Guid.NewGuid()));
        req.Content = new StringContent("{\"hello\":\"world\"}");
        using var r = await edge.Public.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var text = await r.Content.ReadAsStringAsync();
        Assert.StartsWith("part1;POST /scim/chunked", text, StringComparison.Ordinal);
        var echo = Echo.Parse(text);
        Assert.Equal("17", echo.Header("body-length"));
        Assert.Equal("{\"hello\":\"world\"}", echo.Header("body"));
    }

    [Fact]
    public async Task ChunkedRequestBody_GoesThroughYarp()
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/scim/x");
        req.Headers.TryAddWithoutValidation("Authorization", "Bearer " + edge.AccessToken(Guid.NewGuid()));
        req.Headers.TransferEncodingChunked = true;
        req.Content = new StringContent("abc");
        using var r = await edge.Public.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var echo = Echo.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("3", echo.Header("body-length"));
        Assert.Null(echo.Header("Authorization"));
        Assert.NotNull(echo.Header("Z-User"));
    }

    [Fact]
    public async Task InternalPath_OnPublicListener_Returns404()
    {
        using var r = await edge.Public.GetAsync("/i/status");
        await AssertWireError(r, HttpStatusCode.NotFound);
        using var internalOk = await edge.Host.Internal.GetAsync("/i/status");
        Assert.Equal(HttpStatusCode.OK, internalOk.StatusCode);
    }

    [Theory]
    [InlineData("/conversations/last-events")]
    [InlineData("/v5/search/top")]
    [InlineData("/conversations/abc/knock")]
    [InlineData("/unknown-route")]
    public async Task DisabledOrUnknownPath_Returns404(string path)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, path);
        req.Headers.TryAddWithoutValidation("Authorization", "Bearer " + edge.AccessToken(Guid.NewGuid()));
        using var r = await edge.Public.SendAsync(req);
        await AssertWireError(r, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Status_Returns200WithoutAuth()
    {
        using var r = await edge.Public.GetAsync("/status");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task FranzUserAgent_Returns403()
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, "/api-version");
        req.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 Franz/5.1");
        using var r = await edge.Public.SendAsync(req);
        await AssertWireError(r, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UnauthenticatedLocalRoute_ReachesInProcessService()
    {
        using var r = await edge.Public.GetAsync("/v5/api-version");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("supported", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverRouteLimit_Returns413()
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/scim/x");
        req.Headers.TryAddWithoutValidation("Authorization", "Bearer " + edge.AccessToken(Guid.NewGuid()));
        req.Content = new ByteArrayContent(new byte[600 * 1024]);
        using var r = await edge.Public.SendAsync(req);
        await AssertWireError(r, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, edge.Upstream.Requests);
    }

    [Fact]
    public async Task Metrics_CountRequestsPerRoute()
    {
        using (await edge.Public.GetAsync("/v5/identity-providers"))
        {
        }

        var text = await edge.Host.Internal.GetStringAsync("/i/metrics");
        Assert.Contains("wireedge_edge_requests{route=\"/identity-providers\",status=\"4xx\"}", text, StringComparison.Ordinal);
        Assert.Contains("wireedge_edge_request_duration_ms_bucket{le=\"+Inf\",route=\"/identity-providers\"}", text, StringComparison.Ordinal);
    }
}
