using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Scenarios;

public static class ScenarioCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["login-storm", "connect-storm", "fanout", "catchup", "edge-throughput"];

    public static Scenario? Create(string name) => name switch
    {
        "login-storm" => new LoginStormScenario(),
        "connect-storm" => new ConnectStormScenario(),
        "fanout" => new FanoutScenario(),
        "catchup" => new CatchupScenario(),
        "edge-throughput" => new EdgeThroughputScenario(),
        _ => null,
    };
}
