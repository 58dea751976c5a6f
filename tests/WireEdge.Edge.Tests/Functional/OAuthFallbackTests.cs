using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace WireEdge.Edge.Tests.Functional;

/// <summary>nginz's OAuth fallback: a bearer JWT (Ed25519) on a zauth route with an <c>oauth_scope</c>.</summary>
public sealed class OAuthFallbackTests : IAsyncLifetime
{
    private const string ScopedRoute = "{\"path\": \"/scim/oauth-echo\", \"upstream\": \"spar\", \"oauth_scope\": \"self\"}";
    private readonly Key key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    private EdgeHost edge = null!;

    public async Task InitializeAsync()
    {
        var x = Base64Url.EncodeToString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        edge = await EdgeHost.StartAsync(extraRoutes: [ScopedRoute], settings: new Dictionary<string, string?>
        {
            ["Edge:OAuth:Jwk"] = $"{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{x}\"}}",
        });
    }

    public async Task DisposeAsync()
    {
        await edge.DisposeAsync();
        key.Dispose();
    }

    private static string B64(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private string Jwt(string payload, Key? signer = null, string alg = "EdDSA")
    {
        var signed = B64($"{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}") + "." + B64(payload);
        var sig = SignatureAlgorithm.Ed25519.Sign(signer ?? key, Encoding.ASCII.GetBytes(signed));
        return signed + "." + Base64Url.EncodeToString(sig);
    }

    private static string Claims(Guid user, string scope, long? exp = null) =>
        $"{{\"sub\":\"{user}\",\"scope\":\"{scope}\",\"exp\":{exp ?? DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()},\"iat\":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}";

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string token)
    {
        using var req = new HttpRequestMessage(method, path);
        req.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return await edge.Public.SendAsync(req);
    }

    private static async Task AssertWireError(HttpResponseMessage r, HttpStatusCode status)
    {
        Assert.Equal(status, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal((int)status, doc.RootElement.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task ReadScope_OnGet_ReachesUpstreamAsSubject()
    {
        var user = Guid.NewGuid();
        using var r = await Send(HttpMethod.Get, "/v7/scim/oauth-echo", Jwt(Claims(user, "read:conversations read:self")));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var echo = Echo.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(user.ToString(), echo.Header("Z-User"));
        Assert.Null(echo.Header("Z-Type"));
        Assert.Null(echo.Header("Z-Client"));
        Assert.Null(echo.Header("Authorization"));
        Assert.Equal(1, edge.Upstream.Requests);
    }

    [Fact]
    public async Task SameToken_Twice_IsAcceptedBothTimes()
    {
        var token = Jwt(Claims(Guid.NewGuid(), "write:self"));
        using var first = await Send(HttpMethod.Put, "/scim/oauth-echo", token);
        using var second = await Send(HttpMethod.Put, "/scim/oauth-echo", token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Theory]
    [InlineData("POST", "read:self")]
    [InlineData("DELETE", "write:self")]
    [InlineData("GET", "read:conversations")]
    [InlineData("GET", "self")]
    public async Task ScopeNotGrantingMethod_Returns403(string method, string scope)
    {
        using var r = await Send(new HttpMethod(method), "/scim/oauth-echo", Jwt(Claims(Guid.NewGuid(), scope)));
        await AssertWireError(r, HttpStatusCode.Forbidden);
        Assert.Equal(0, edge.Upstream.Requests);
    }

    [Fact]
    public async Task AdminScope_AllowsDelete()
    {
        using var r = await Send(HttpMethod.Delete, "/scim/oauth-echo", Jwt(Claims(Guid.NewGuid(), "admin:self")));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task WrongKey_Returns401()
    {
        using var other = Key.Create(SignatureAlgorithm.Ed25519);
        using var r = await Send(HttpMethod.Get, "/scim/oauth-echo", Jwt(Claims(Guid.NewGuid(), "read:self"), other));
        await AssertWireError(r, HttpStatusCode.Unauthorized);
        Assert.Equal(0, edge.Upstream.Requests);
    }

    [Fact]
    public async Task Expired_Returns401()
    {
        var exp = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds();
        using var r = await Send(HttpMethod.Get, "/scim/oauth-echo", Jwt(Claims(Guid.NewGuid(), "read:self", exp)));
        await AssertWireError(r, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OtherAlgorithm_Returns401()
    {
        using var r = await Send(HttpMethod.Get, "/scim/oauth-echo", Jwt(Claims(Guid.NewGuid(), "read:self"), alg: "none"));
        await AssertWireError(r, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NoSubject_Returns401()
    {
        var payload = $"{{\"scope\":\"read:self\",\"exp\":{DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()}}}";
        using var r = await Send(HttpMethod.Get, "/scim/oauth-echo", Jwt(payload));
        await AssertWireError(r, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ValidJwt_OnRouteWithoutScope_Returns401()
    {
        using var r = await Send(HttpMethod.Get, "/identity-providers", Jwt(Claims(Guid.NewGuid(), "read:self")));
        await AssertWireError(r, HttpStatusCode.Unauthorized);
        Assert.Equal(0, edge.Upstream.Requests);
    }

    [Fact]
    public async Task JwtInQueryString_IsNotAnOAuthToken()
    {
        using var r = await edge.Public.GetAsync("/scim/oauth-echo?access_token=" + Jwt(Claims(Guid.NewGuid(), "read:self")));
        await AssertWireError(r, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ZauthToken_OnScopedRoute_StillWorks()
    {
        var user = Guid.NewGuid();
        using var r = await Send(HttpMethod.Post, "/scim/oauth-echo", edge.AccessToken(user));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var echo = Echo.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(user.ToString(), echo.Header("Z-User"));
        Assert.Equal("access", echo.Header("Z-Type"));
    }
}
