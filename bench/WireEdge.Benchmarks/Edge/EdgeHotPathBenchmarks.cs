using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireEdge.Edge;
using WireEdge.Edge.Limits;
using WireEdge.Edge.Observability;
using WireEdge.Edge.Routing;

namespace WireEdge.Benchmarks.Edge;

/// <summary>Per-request work of the edge besides forwarding: route matching on the default table and a limit_req check. Neither may allocate.</summary>
[MemoryDiagnoser]
public class EdgeHotPathBenchmarks
{
    private RouteTable table = null!;
    private RateLimiter limiter = null!;
    private EdgeRoute self = null!;
    private readonly Guid user = Guid.NewGuid();

    [Params("/self", "/v6/conversations/example.com/4ee8e8b4-2d0f-4c9e-a8cf-6ab0e3c5f7a1/proteus/messages", "/notifications", "/v6/teams/4ee8e8b4/members", "/nothing/here")]
    public string Path { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var metrics = new EdgeMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        var o = new EdgeOptions();
        o.RateLimits.Zones["reqs_per_user"] = new RateZoneOptions { Rate = "10000000r/s", Burst = 1000000 };
        limiter = new RateLimiter(Options.Create(o), TimeProvider.System);
        var json = File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, RouteTableProvider.DefaultFileName));
        table = RouteTableCompiler.Compile(json, "default", limiter.Zones, metrics, out _)!;
        self = table.Match("/self")!;
    }

    [Benchmark]
    public EdgeRoute? Match() => table.Match(Path);

    [Benchmark]
    public int RateLimitPerUser() => limiter.CheckRequest(self, null, user, Path);
}
