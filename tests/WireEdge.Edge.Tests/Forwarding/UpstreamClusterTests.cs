using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WireEdge.Edge.Forwarding;
using WireEdge.Hosting.Modules;

namespace WireEdge.Edge.Tests.Forwarding;

public sealed class UpstreamClusterTests
{
    private static UpstreamCluster Cluster(string urls)
    {
        var options = new EdgeOptions();
        options.Upstreams["spar"] = urls;
        var upstreams = new Upstreams(Options.Create(options), new ConfigurationBuilder().Build(), Array.Empty<IServiceModule>());
        return upstreams.Cluster("spar")!;
    }

    [Fact]
    public void Pick_PrefersFewestInFlight()
    {
        var c = Cluster("http://10.0.0.1:80,http://10.0.0.2:80,http://10.0.0.3:80");
        c.Destinations[0].Enter();
        c.Destinations[0].Enter();
        c.Destinations[1].Enter();
        for (var i = 0; i < 5; i++)
        {
            Assert.Same(c.Destinations[2], c.Pick());
        }

        c.Destinations[0].Exit();
        c.Destinations[0].Exit();
        var picks = Enumerable.Range(0, 6).Select(_ => c.Pick()).ToList();
        Assert.DoesNotContain(c.Destinations[1], picks);
        Assert.Contains(c.Destinations[0], picks);
        Assert.Contains(c.Destinations[2], picks);
    }

    [Fact]
    public void Pick_TiesGoRoundRobin()
    {
        var c = Cluster("http://10.0.0.1:80,http://10.0.0.2:80");
        var picks = Enumerable.Range(0, 10).Select(_ => c.Pick()).ToList();
        Assert.Equal(5, picks.Count(p => p == c.Destinations[0]));
        Assert.Equal(5, picks.Count(p => p == c.Destinations[1]));
    }

    [Fact]
    public void Pick_SkipsDestinationsMarkedDown_EvenIfIdle()
    {
        var c = Cluster("http://10.0.0.1:80,http://10.0.0.2:80");
        c.Destinations[1].Enter();
        c.Destinations[0].MarkDown();
        Assert.Same(c.Destinations[1], c.Pick());
    }

    [Fact]
    public void Repick_MovesTheInFlightCount()
    {
        var c = Cluster("http://10.0.0.1:80,http://10.0.0.2:80");
        var first = c.Pick();
        first.Enter();
        first.MarkDown();
        var second = c.Repick(first);
        Assert.NotSame(first, second);
        Assert.Equal(0, first.InFlight);
        Assert.Equal(1, second.InFlight);
    }

    [Fact]
    public void SingleDestination_IsNotCounted()
    {
        var c = Cluster("http://10.0.0.1:80");
        c.Destinations[0].Enter();
        Assert.Equal(0, c.Destinations[0].InFlight);
        Assert.Same(c.Destinations[0], c.Pick());
    }
}
