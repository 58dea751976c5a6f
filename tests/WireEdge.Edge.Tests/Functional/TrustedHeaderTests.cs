using System.Net;
using System.Text.Json;

namespace WireEdge.Edge.Tests.Functional;

/// <summary>The <c>zprovider</c> cookie as a token source, and the <c>Z-Timestamp</c> / <c>Z-Host</c> headers nginz sets.</summary>
public sealed class TrustedHeaderTests : IAsyncLifetime
{
    private const string ProviderRoute = "{\"path\": \"/provider/echo\", \"upstream\": \"spar\", \"allow_credentials\": true}";
    private EdgeHost edge = null!;

    public async Task InitializeAsync() => edge = await EdgeHost.StartAsync(extraRoutes: [ProviderRoute]);

    public async Task DisposeAsync() => await edge.DisposeAsync();

    private async Task<HttpResponseMessage> Get(string path, string? cookie = null, string? authorization = null, string? host = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            req.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        if (authorization is not null)
        {
            req.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (host is not null)
        {
            req.Headers.Host = host;
        }

        return await edge.Public.SendAsync(req);
    }

    [Fact]
    public async Task ProviderTokenInCookie_ReachesUpstreamAsProvider()
    {
        var provider = Guid.NewGuid();
        var expires = DateTimeOffset.UtcNow.AddMinutes(15);
        var token = edge.Signer.CreateProvider(provider, expires);
        using var r = await Get("/v6/provider/echo", cookie: "theme=dark; zprovider=" + token + "; other=1");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var echo = Echo.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("provider", echo.Header("Z-Type"));
        Assert.Equal(provider.ToString(), echo.Header("Z-Provider"));
        Assert.Null(echo.Header("Z-User"));
        Assert.Equal(expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), echo.Header("Z-Timestamp"));
    }

    [Fact]
    public async Task ProviderCookie_IgnoredWhenQueryStringPresent()
    {
        var token = edge.Signer.CreateProvider(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(15));
        using var r = await Get("/provider/echo?page=2", cookie: "zprovider=" + token);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal(0, edge.Upstream.Requests);
    }

    [Fact]
    public async Task ProviderCookie_IgnoredWhenAuthorizationPresent()
    {
        var token = edge.Signer.CreateProvider(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(15));
        using var r = await Get("/provider/echo", cookie: "zprovider=" + token, authorization: "Bearer not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Fact]
    public async Task ProviderCookie_OnUserRoute_Returns403()
    {
        var token = edge.Signer.CreateProvider(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(15));
        using var r = await Get("/identity-providers", cookie: "zprovider=" + token);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(403, doc.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(0, edge.Upstream.Requests);
    }

    [Fact]
    public async Task ZuidCookie_IsNotAToken()
    {
        var token = edge.Signer.CreateUser(Guid.NewGuid(), 7, null, false, DateTimeOffset.UtcNow.AddDays(1));
        using var r = await Get("/identity-providers", cookie: "zuid=" + token);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Fact]
    public async Task AccessToken_SetsTimestampAndHost()
    {
        var expires = DateTimeOffset.UtcNow.AddMinutes(10);
        var token = edge.Signer.CreateAccess(Guid.NewGuid(), "1a", 5, expires);
        using var r = await Get("/identity-providers", authorization: "Bearer " + token, host: "Edge.Example.COM:8443");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var echo = Echo.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), echo.Header("Z-Timestamp"));
        Assert.Equal("edge.example.com", echo.Header("Z-Host"));
    }

    [Fact]
    public async Task UnauthenticatedRoute_SetsHostButNoTimestamp()
    {
        using var r = await Get("/sso/initiate-login/abc", host: "[::1]:9000");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var echo = Echo.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("[::1]", echo.Header("Z-Host"));
        Assert.Null(echo.Header("Z-Timestamp"));
    }

    [Fact]
    public async Task ForgedZHost_IsReplaced()
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, "/sso/initiate-login/abc");
        req.Headers.TryAddWithoutValidation("Z-Host", "evil.example");
        req.Headers.TryAddWithoutValidation("Z-Timestamp", "1");
        req.Headers.Host = "wire.example";
        using var r = await edge.Public.SendAsync(req);
        var echo = Echo.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("wire.example", echo.Header("Z-Host"));
        Assert.Null(echo.Header("Z-Timestamp"));
    }

    [Fact]
    public async Task ChunkedBody_ThroughYarp_SetsTimestampAndHost()
    {
        var expires = DateTimeOffset.UtcNow.AddMinutes(10);
        using var req = new HttpRequestMessage(HttpMethod.Post, "/scim/x");
        req.Headers.TryAddWithoutValidation("Authorization", "Bearer " + edge.Signer.CreateAccess(Guid.NewGuid(), "1a", 5, expires));
        req.Headers.Host = "yarp.example";
        req.Headers.TransferEncodingChunked = true;
        req.Content = new StringContent("abc");
        using var r = await edge.Public.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var echo = Echo.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("yarp.example", echo.Header("Z-Host"));
        Assert.Equal(expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), echo.Header("Z-Timestamp"));
    }
}
