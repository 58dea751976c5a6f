using System.Net;
using System.Text.Json;

namespace WireEdge.Edge.Tests.Functional;

public sealed class RateLimitAndCorsTests : IAsyncLifetime
{
    private EdgeHost edge = null!;

    public async Task InitializeAsync() => edge = await EdgeHost.StartAsync(rateLimits: true, settings: new Dictionary<string, string?> { ["Edge:RateLimits:Zones:reqs_per_user:Rate"] = "60r/m" });

    public async Task DisposeAsync() => await edge.DisposeAsync();

    [Fact]
    public async Task LoginBurst_FromOneAddress_Gets420AfterThe11thRequest()
    {
        // Warm up the in-process login endpoint on another key (the key is address + path), so the
        // burst below takes well under the 4 s in which the 15r/m bucket leaks one request.
        for (var i = 0; i < 3; i++)
        {
            using var warm = await edge.Public.PostAsync("/v4/login", new StringContent("{}"));
        }

        for (var i = 1; i <= 11; i++)
        {
            using var ok = await edge.Public.PostAsync("/v5/login", new StringContent("{}"));
            Assert.NotEqual((HttpStatusCode)420, ok.StatusCode);
        }

        using var r = await edge.Public.PostAsync("/v5/login", new StringContent("{}"));
        Assert.Equal((HttpStatusCode)420, r.StatusCode);
        Assert.True(int.Parse(r.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(420, doc.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("client-error", doc.RootElement.GetProperty("label").GetString());

        // The key is address + path: another unauthenticated path is not affected.
        using var other = await edge.Public.PostAsync("/v5/password-reset", new StringContent("{}"));
        Assert.NotEqual((HttpStatusCode)420, other.StatusCode);
    }

    [Fact]
    public async Task UnlimitedRoute_IsNeverThrottled()
    {
        for (var i = 0; i < 30; i++)
        {
            using var r = await edge.Public.GetAsync("/api-version");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
    }

    [Fact]
    public async Task PerUserLimit_Throttles_AfterBurst()
    {
        var token = edge.AccessToken(Guid.NewGuid());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, "/identity-providers");
            req.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            using var r = await edge.Public.SendAsync(req);
            statuses.Add(r.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains((HttpStatusCode)420, statuses);

        // Another user is unaffected.
        using var req2 = new HttpRequestMessage(HttpMethod.Get, "/identity-providers");
        req2.Headers.TryAddWithoutValidation("Authorization", "Bearer " + edge.AccessToken(Guid.NewGuid()));
        using var r2 = await edge.Public.SendAsync(req2);
        Assert.Equal(HttpStatusCode.OK, r2.StatusCode);
    }

    [Fact]
    public async Task Preflight_FromWebapp_Returns204WithEchoAndCredentials()
    {
        using var req = new HttpRequestMessage(HttpMethod.Options, "/v5/login");
        req.Headers.TryAddWithoutValidation("Origin", "https://webapp.wire.example.com");
        req.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        req.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "x-custom, content-type");
        using var r = await edge.Public.SendAsync(req);
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        Assert.Equal("https://webapp.wire.example.com", r.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", r.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.Equal("GET, POST, PUT, DELETE, OPTIONS", r.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.StartsWith("x-custom, content-type", r.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
        Assert.Equal("Request-Id, Location, Replay-Nonce", r.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    [Fact]
    public async Task Preflight_OnRouteWithoutCredentials_HasNoCredentialsHeader()
    {
        using var req = new HttpRequestMessage(HttpMethod.Options, "/v5/identity-providers");
        req.Headers.TryAddWithoutValidation("Origin", "https://teams.wire.example.com");
        using var r = await edge.Public.SendAsync(req);
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        Assert.Equal("https://teams.wire.example.com", r.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(r.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("https://evil.example.org")]
    [InlineData("http://webapp.wire.example.com")]
    [InlineData("https://webapp.wire.example.com.evil.org")]
    public async Task ForeignOrigin_IsNotEchoed_ButExposeHeadersAndHstsAreSent(string origin)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, "/api-version");
        req.Headers.TryAddWithoutValidation("Origin", origin);
        using var r = await edge.Public.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.False(r.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("Request-Id, Location, Replay-Nonce", r.Headers.GetValues("Access-Control-Expose-Headers").Single());
        Assert.Equal("max-age=31536000; preload", r.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task AllowedOrigin_OnForwardedResponse_IsEchoed()
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, "/identity-providers");
        req.Headers.TryAddWithoutValidation("Origin", "https://account.wire.example.com");
        req.Headers.TryAddWithoutValidation("Authorization", "Bearer " + edge.AccessToken(Guid.NewGuid()));
        using var r = await edge.Public.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("https://account.wire.example.com", r.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
