using System.Net;
using WireEdge.Testing;

namespace WireEdge.Foundation.Tests.Hosting;

public sealed class InternalApiTests : IAsyncLifetime
{
    private WireEdgeTestHost host = null!;

    public async Task InitializeAsync() => host = await WireEdgeTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("/i/status")]
    [InlineData("/i/metrics")]
    [InlineData("/v8/i/status")]
    [InlineData("/i//status")]
    [InlineData("/i")]
    [InlineData("/I/status")]
    public async Task InternalPaths_AreNotReachableOnPublicPort(string path)
    {
        var response = await host.Public.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Status_Is200OnInternalPort()
    {
        var response = await host.Internal.GetAsync("/i/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_ArePrometheusTextOnInternalPort()
    {
        var response = await host.Internal.GetAsync("/i/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_IsWireError404()
    {
        var response = await host.Public.GetAsync("/definitely-not-a-route");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"label\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryResponse_CarriesRequestId()
    {
        var response = await host.Public.GetAsync("/api-version");
        Assert.True(response.Headers.TryGetValues("Request-Id", out var ids));
        Assert.False(string.IsNullOrEmpty(ids.Single()));
    }

    [Fact]
    public async Task NewRequestIds_AreDistinct32HexDigits_AndAPlainIncomingIdIsKept()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await host.Public.GetAsync("/api-version");
            var id = response.Headers.GetValues("Request-Id").Single();
            Assert.Matches("^[0-9a-f]{32}$", id);
            Assert.True(seen.Add(id), $"request id {id} repeated");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api-version");
        request.Headers.Add("Request-Id", "abc-123.x_y");
        using var kept = await host.Public.SendAsync(request);
        Assert.Equal("abc-123.x_y", kept.Headers.GetValues("Request-Id").Single());
    }
}
