using System.Net;
using System.Text.Json;
using WireEdge.Testing;

namespace WireEdge.Foundation.Tests.Hosting;

public sealed class ApiVersionTests : IAsyncLifetime
{
    private WireEdgeTestHost host = null!;

    public async Task InitializeAsync() => host = await WireEdgeTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("/api-version")]
    [InlineData("/v8/api-version")]
    [InlineData("/v0/api-version")]
    public async Task ApiVersion_AnswersSupportedDevelopmentDomainFederation(string path)
    {
        var response = await host.Public.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var supported = doc.RootElement.GetProperty("supported").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(Enumerable.Range(0, 9), supported);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("development").ValueKind);
        Assert.Equal("wire.example.com", doc.RootElement.GetProperty("domain").GetString());
        Assert.False(doc.RootElement.GetProperty("federation").GetBoolean());
    }

    [Theory]
    [InlineData("/v9/api-version", "v9")]
    [InlineData("/v99999999999999/api-version", "v99999999999999")]
    public async Task UnsupportedVersion_Is404UnsupportedVersion(string path, string shown)
    {
        var response = await host.Public.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, doc.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("unsupported-version", doc.RootElement.GetProperty("label").GetString());
        Assert.Equal($"Version {shown} is not supported", doc.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task DisabledVersion_Is404()
    {
        await using var restricted = await WireEdgeTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Wire:SupportedApiVersions:0"] = "7",
            ["Wire:SupportedApiVersions:1"] = "8",
        });
        Assert.Equal(HttpStatusCode.NotFound, (await restricted.Public.GetAsync("/v6/api-version")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await restricted.Public.GetAsync("/v8/api-version")).StatusCode);
    }

    [Fact]
    public async Task VersionedInternalPath_Is404UnsupportedVersionOnInternalPort()
    {
        var response = await host.Internal.GetAsync("/v8/i/status");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("unsupported-version", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
