using System.Net;

namespace WireEdge.Edge.Tests.Functional;

/// <summary>nginx <c>least_conn</c> among several upstream instances of one service, over real sockets.</summary>
public sealed class LeastConnectionsTests
{
    [Fact]
    public async Task BusyInstance_IsAvoided_WhileItHoldsARequest()
    {
        await using var a = await FakeUpstream.StartAsync();
        await using var b = await FakeUpstream.StartAsync();
        await using var edge = await EdgeHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Edge:Upstreams:spar"] = $"{a.BaseUri},{b.BaseUri}",
        });
        var token = "Bearer " + edge.AccessToken(Guid.NewGuid());

        using var holdRequest = new HttpRequestMessage(HttpMethod.Get, "/scim/hold");
        holdRequest.Headers.TryAddWithoutValidation("Authorization", token);
        var held = edge.Public.SendAsync(holdRequest);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (a.Held + b.Held == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, a.Held + b.Held);
        var (busy, idle) = a.Held == 1 ? (a, b) : (b, a);
        for (var i = 0; i < 6; i++)
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, "/scim/x" + i);
            req.Headers.TryAddWithoutValidation("Authorization", token);
            using var r = await edge.Public.SendAsync(req);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        Assert.Equal(6, idle.Requests);
        Assert.Equal(1, busy.Requests);

        busy.Gate.SetResult();
        using var heldResponse = await held;
        Assert.Equal(HttpStatusCode.OK, heldResponse.StatusCode);
        Assert.Equal(0, edge.Upstream.Requests);
    }

    [Fact]
    public async Task IdleInstances_ShareRequests()
    {
        await using var a = await FakeUpstream.StartAsync();
        await using var b = await FakeUpstream.StartAsync();
        await using var edge = await EdgeHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Edge:Upstreams:spar"] = $"{a.BaseUri},{b.BaseUri}",
        });
        var token = "Bearer " + edge.AccessToken(Guid.NewGuid());
        for (var i = 0; i < 10; i++)
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, "/scim/x");
            req.Headers.TryAddWithoutValidation("Authorization", token);
            using var r = await edge.Public.SendAsync(req);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        Assert.Equal(10, a.Requests + b.Requests);
        Assert.True(a.Requests >= 3 && b.Requests >= 3, $"a={a.Requests} b={b.Requests}");
    }
}
