using System.Text.Json;
using HdrHistogram;
using WireEdge.LoadTests.Core;
using WireEdge.LoadTests.Reports;

namespace WireEdge.LoadTests.Tests;

public class MergeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static RunOptions Worker(int index, int count)
    {
        var o = new RunOptions { Scenario = "fanout", Profile = "ci", Users = 40, Rate = 50, DurationSeconds = 10, Thresholds = ["errors<1%", "missing==0"] };
        o.SplitForWorker(index, count);
        return o;
    }

    private static string WorkerJson(RunOptions o, IEnumerable<long> micros, int failed, OracleSummary? oracle, int peak)
    {
        var run = new RunContext(o);
        var second = 0;
        foreach (var us in micros)
        {
            run.Stats("push").Record(us, StepResult.Success("200", 10), second++ % 3);
        }

        for (var i = 0; i < failed; i++)
        {
            run.Stats("push").Record(1_000, StepResult.Failure("500"), 0);
        }

        run.MergeConnections(peak, [KeyValuePair.Create(0, peak), KeyValuePair.Create(1, peak)]);
        return JsonReport.Render(new Report(o, run, oracle, [], T0.AddSeconds(o.Worker), T0.AddSeconds(20 + o.Worker)));
    }

    [Fact]
    public void HistogramCodec_RoundTrip_KeepsEveryCount()
    {
        var h = new LongHistogram(3_600_000_000, 3);
        foreach (var v in new long[] { 1, 7, 999, 1_000, 12_345, 3_000_000, 3_600_000_000 })
        {
            h.RecordValue(v);
        }

        var back = new LongHistogram(3_600_000_000, 3);
        HistogramCodec.DecodeInto(HistogramCodec.Encode(h), back);

        Assert.Equal(h.TotalCount, back.TotalCount);
        Assert.Equal(h.GetMaxValue(), back.GetMaxValue());
        foreach (var p in new[] { 10.0, 50, 90, 99, 99.9 })
        {
            Assert.Equal(h.GetValueAtPercentile(p), back.GetValueAtPercentile(p));
        }
    }

    [Fact]
    public void Merge_TwoWorkers_PercentilesAreThoseOfAllSamplesTogether()
    {
        // Worker 0 is fast (1..100 ms), worker 1 slow (1..2 s): an average of the two p99s would be wrong.
        var fast = Enumerable.Range(1, 100).Select(i => i * 1_000L).ToList();
        var slow = Enumerable.Range(1, 100).Select(i => 1_000_000L + (i * 10_000L)).ToList();
        using var a = JsonDocument.Parse(WorkerJson(Worker(0, 2), fast, 0, null, 20));
        using var b = JsonDocument.Parse(WorkerJson(Worker(1, 2), slow, 0, null, 20));

        var merged = ReportMerge.Merge([a.RootElement, b.RootElement], null, "unused");

        var all = new LongHistogram(3_600_000_000, 3);
        foreach (var v in fast.Concat(slow))
        {
            all.RecordValue(v);
        }

        var push = Assert.Single(merged.Run.Steps);
        Assert.Equal(200, push.Ok);
        Assert.Equal(2_000, push.Bytes);
        Assert.Equal(200, push.Codes["200"]);
        foreach (var p in new[] { 50.0, 90, 99, 99.9 })
        {
            Assert.Equal(all.GetValueAtPercentile(p) / 1000.0, push.Percentile(p));
        }

        Assert.Equal(all.GetMaxValue() / 1000.0, push.MaxMs);
        Assert.Equal(200, push.Timeline.Values.Sum(x => x.Count));
        Assert.Equal(all.TotalCount, push.Timeline.Values.Sum(x => x.Latency.TotalCount));
    }

    [Fact]
    public void Merge_SumsUsersRateConnectionsAndKeepsTheWindow()
    {
        using var a = JsonDocument.Parse(WorkerJson(Worker(0, 3), [1_000], 0, null, 14));
        using var b = JsonDocument.Parse(WorkerJson(Worker(1, 3), [1_000], 0, null, 13));
        using var c = JsonDocument.Parse(WorkerJson(Worker(2, 3), [1_000], 0, null, 13));

        var merged = ReportMerge.Merge([a.RootElement, b.RootElement, c.RootElement], null, "out-dir");

        Assert.Equal(40, merged.Options.Users);
        Assert.Equal(50, merged.Options.Rate, 9);
        Assert.Equal(10, merged.Options.DurationSeconds);
        Assert.Equal(3, merged.Options.Workers);
        Assert.Equal("out-dir", merged.Options.OutDir);
        Assert.Equal(40, merged.Run.PeakConnections);
        Assert.Equal(40, merged.Run.ConnectionGauge[1]);
        Assert.Equal(T0, merged.Started);
        Assert.Equal(T0.AddSeconds(22), merged.Finished);
        Assert.Contains("merged", merged.BaseName);
    }

    [Fact]
    public void Merge_OracleCountsAreSummedAndThresholdsUseTheMergedResult()
    {
        var o0 = new OracleSummary(10, 50, 50, 0, 0, 0, 50, new() { ["websocket"] = 50 });
        var o1 = new OracleSummary(10, 50, 49, 1, 2, 0, 51, new() { ["websocket"] = 48, ["catchup"] = 3 });
        // worker 1 alone has 1 failure in 99 (> 1 %), merged it is 1 in 199 (< 1 %)
        using var a = JsonDocument.Parse(WorkerJson(Worker(0, 2), Enumerable.Repeat(1_000L, 100), 0, o0, 0));
        using var b = JsonDocument.Parse(WorkerJson(Worker(1, 2), Enumerable.Repeat(1_000L, 98), 1, o1, 0));

        var merged = ReportMerge.Merge([a.RootElement, b.RootElement], null, "unused");

        Assert.NotNull(merged.Oracle);
        Assert.Equal(20, merged.Oracle.AcknowledgedPushes);
        Assert.Equal(100, merged.Oracle.ExpectedDeliveries);
        Assert.Equal(1, merged.Oracle.Missing);
        Assert.Equal(2, merged.Oracle.Duplicates);
        Assert.Equal(3, merged.Oracle.ReceiptsBySource["catchup"]);
        Assert.Equal(["errors<1%", "missing==0"], merged.Thresholds.Select(t => t.Text));
        Assert.Equal([true, false], merged.Thresholds.Select(t => t.Passed));
    }

    [Fact]
    public void Merge_ThresholdsGiven_ReplaceTheRecordedOnes()
    {
        using var a = JsonDocument.Parse(WorkerJson(Worker(0, 2), [5_000], 0, null, 0));
        using var b = JsonDocument.Parse(WorkerJson(Worker(1, 2), [5_000], 0, null, 0));

        var merged = ReportMerge.Merge([a.RootElement, b.RootElement], ["push:p99<1ms"], "unused");

        var t = Assert.Single(merged.Thresholds);
        Assert.False(t.Passed);
    }

    [Fact]
    public void Merge_DifferentScenarios_IsRefused()
    {
        using var a = JsonDocument.Parse(WorkerJson(Worker(0, 2), [1_000], 0, null, 0));
        var other = Worker(1, 2);
        other.Scenario = "catchup";
        using var b = JsonDocument.Parse(WorkerJson(other, [1_000], 0, null, 0));

        Assert.Throws<InvalidDataException>(() => ReportMerge.Merge([a.RootElement, b.RootElement], null, "unused"));
    }

    [Theory]
    [InlineData(40, 3, new[] { 14, 13, 13 })]
    [InlineData(8, 8, new[] { 1, 1, 1, 1, 1, 1, 1, 1 })]
    [InlineData(5, 2, new[] { 3, 2 })]
    public void SplitForWorker_UsersSplitIntoPartsThatSumToTheTotal(int users, int workers, int[] expected)
    {
        var shares = Enumerable.Range(0, workers).Select(i =>
        {
            var o = new RunOptions { Users = users, Rate = 90 };
            o.SplitForWorker(i, workers);
            Assert.Equal(90.0 / workers, o.Rate, 9);
            return o.Users;
        });

        Assert.Equal(expected, shares);
    }

    [Fact]
    public void ChildArgs_ReplaceOutAndProcessesWithTheWorkersOwn()
    {
        var args = MultiProcess.ChildArgs(["connect-storm", "--processes", "2", "--profile", "ci", "--out", "x", "--users", "300"], 1, 2, "x/w1", "127.0.0.2");

        Assert.Equal(["connect-storm", "--profile", "ci", "--users", "300", "--worker", "1/2", "--out", "x/w1", "--barrier", "--no-progress", "--source-address", "127.0.0.2"], args);
    }
}
