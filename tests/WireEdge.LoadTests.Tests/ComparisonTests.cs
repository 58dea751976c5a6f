using System.Diagnostics;
using System.Text.Json;
using WireEdge.LoadTests.Compare;

namespace WireEdge.LoadTests.Tests;

public class ComparisonTests
{
    private static ComparisonReport ReportWith(params (string Target, int Round, double Value, string Note)[] rounds)
    {
        var report = new ComparisonReport("test", "a test comparison");
        foreach (var (target, round, value, note) in rounds)
        {
            report.Add(new RoundResult(target, round, new Dictionary<string, double> { ["p99_ms"] = value }, note));
        }

        return report;
    }

    [Theory]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { 7 }, 7)]
    public void Median_OddOrEvenCount_IsTheMiddleValue(double[] values, double expected) =>
        Assert.Equal(expected, ComparisonReport.Median(values));

    [Fact]
    public void Median_NoValues_IsNaN() => Assert.True(double.IsNaN(ComparisonReport.Median([])));

    [Fact]
    public void Ratio_InterleavedRounds_PairsRoundKOfOursWithRoundKOfThePeer()
    {
        var report = ReportWith(("ours", 1, 10, ""), ("peer", 1, 20, ""), ("ours", 2, 30, ""), ("peer", 2, 10, ""), ("ours", 3, 8, ""), ("peer", 3, 16, ""));

        var r = report.Ratio("p99_ms", "ours", "peer", "lower is better");

        Assert.Equal([0.5, 3.0, 0.5], r.Values);
        Assert.Equal(0.5, r.Median);
        Assert.Equal(0.5, r.Min);
        Assert.Equal(3.0, r.Max);
    }

    [Fact]
    public void Ratio_PeerRoundMissingZeroOrNaN_IsLeftOut()
    {
        var report = ReportWith(("ours", 1, 10, ""), ("peer", 1, 0, ""), ("ours", 2, 10, ""), ("peer", 2, double.NaN, ""), ("ours", 3, 10, ""), ("ours", 4, 10, ""), ("peer", 4, 5, ""));

        var r = report.Ratio("p99_ms", "ours", "peer", "");

        Assert.Equal([2.0], r.Values);
    }

    [Fact]
    public void Ratio_WithPrefix_PairsOnlyRoundsOfThatNote()
    {
        var report = ReportWith(("ours", 1, 10, "rate=500"), ("peer", 1, 40, "rate=500"), ("ours", 1, 30, "rate=2000"), ("peer", 1, 10, "rate=2000"));

        var low = report.Ratio("p99_ms", "ours", "peer", "", "rate=500");
        var high = report.Ratio("p99_ms", "ours", "peer", "", "rate=2000");

        Assert.Equal([0.25], low.Values);
        Assert.Equal([3.0], high.Values);
        Assert.Equal("rate=500 p99_ms", low.Metric);
    }

    [Fact]
    public void Markdown_ShowsMedianMinMaxAndEveryRound()
    {
        var report = ReportWith(("ours", 1, 10, ""), ("peer", 1, 20, ""), ("ours", 2, 30, ""), ("peer", 2, 10, ""));
        report.Ratio("p99_ms", "ours", "peer", "lower is better");

        var md = report.Markdown();

        Assert.Contains("| p99_ms: ours ÷ peer | **1.75** | 0.5 | 3 | 2 | lower is better |", md, StringComparison.Ordinal);
        Assert.Contains("| 2 | peer | 10 |", md, StringComparison.Ordinal);
        Assert.Contains("load average", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_CarriesRatiosPerRoundAndNullForNaN()
    {
        var report = ReportWith(("ours", 1, 10, ""), ("peer", 1, 20, ""));
        report.Ratio("p99_ms", "ours", "peer", "");
        report.Ratio("missing_metric", "ours", "peer", "");

        using var doc = JsonDocument.Parse(report.Json());
        var ratios = doc.RootElement.GetProperty("ratios");

        Assert.Equal(0.5, ratios[0].GetProperty("median").GetDouble());
        Assert.Equal(0.5, ratios[0].GetProperty("per_round")[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, ratios[1].GetProperty("median").ValueKind);
        Assert.Equal(2, doc.RootElement.GetProperty("rounds").GetArrayLength());
    }

    [Fact]
    public async Task PeerProcess_Dispose_StopsTheStartedProcessAndItsDescendants()
    {
        var logs = Directory.CreateTempSubdirectory("wireedge-peer-test-").FullName;
        var peer = PeerProcess.Start("sleepers", "sleep 300 & sleep 300 & wait", logs, maxLifetimeSeconds: 600);
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        List<int> tree;
        while ((tree = peer.Tree()).Count < 4 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(tree.Count >= 4, $"expected timeout, bash and two sleeps, saw {tree.Count} processes");

        await peer.DisposeAsync();

        Assert.All(tree, pid => Assert.False(IsAlive(pid), $"process {pid} still running"));
        Directory.Delete(logs, recursive: true);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
