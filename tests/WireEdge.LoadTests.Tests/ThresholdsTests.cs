using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Tests;

public class ThresholdsTests
{
    private static RunContext RunWith(string step, int ok, int failed, long micros)
    {
        var run = new RunContext(new RunOptions { Scenario = "test" });
        for (var i = 0; i < ok; i++)
        {
            run.Stats(step).Record(micros, StepResult.Success("200"), 0);
        }

        for (var i = 0; i < failed; i++)
        {
            run.Stats(step).Record(micros, StepResult.Failure("500"), 0);
        }

        return run;
    }

    [Theory]
    [InlineData("p99<10ms")]
    [InlineData("login:p99<200ms")]
    [InlineData("p99.9 <= 1.5s")]
    [InlineData("errors<0.1%")]
    [InlineData("errors==0")]
    [InlineData("missing==0")]
    [InlineData("duplicates==0")]
    [InlineData("out_of_order==0")]
    [InlineData("iteration:rps>=50")]
    [InlineData("count>10")]
    [InlineData("mean<500us")]
    public void Check_ValidExpression_IsAccepted(string text) => Assert.Null(Thresholds.Check(text));

    [Theory]
    [InlineData("p98<10ms")]
    [InlineData("p99 10ms")]
    [InlineData("p99<ten")]
    [InlineData("missing=0")]
    [InlineData("")]
    public void Check_InvalidExpression_IsRejectedWithAMessage(string text) => Assert.Contains("cannot parse", Thresholds.Check(text));

    [Fact]
    public void Evaluate_LatencyUnits_AreConvertedToMilliseconds()
    {
        var run = RunWith("self", 100, 0, 20_000); // 20 ms

        var r = Thresholds.Evaluate(["p99<25ms", "p99<0.025s", "p99<25000us", "p99<15ms", "self:max>=19ms"], run, null, 10);

        Assert.Equal([true, true, true, false, true], r.Select(x => x.Passed));
        Assert.InRange(r[0].Actual, 19.9, 20.1);
    }

    [Fact]
    public void Evaluate_LatencyWithoutStep_UsesTheWorstStep()
    {
        var run = RunWith("fast", 10, 0, 1_000);
        run.Stats("slow").Record(900_000, StepResult.Success(), 0);

        var r = Assert.Single(Thresholds.Evaluate(["p99<100ms"], run, null, 10));

        Assert.False(r.Passed);
        Assert.Contains("slow", r.Detail);
    }

    [Fact]
    public void Evaluate_ErrorPercentage_CountsFailedOverAllOutcomes()
    {
        var run = RunWith("push", 999, 1, 1_000);

        var r = Thresholds.Evaluate(["errors<0.1%", "errors<=0.1%", "errors==1", "errors==0"], run, null, 10);

        Assert.Equal([false, true, true, false], r.Select(x => x.Passed));
        Assert.Equal(0.1, r[0].Actual, 9);
    }

    [Fact]
    public void Evaluate_RateAndCount_UseTheMeasuredSeconds()
    {
        var run = RunWith("self", 500, 0, 1_000);

        var r = Thresholds.Evaluate(["self:rps>=50", "self:rps>50", "count==500"], run, null, 10);

        Assert.Equal([true, false, true], r.Select(x => x.Passed));
        Assert.Equal(50, r[0].Actual, 9);
    }

    [Fact]
    public void Evaluate_OracleMetrics_ComeFromTheSummary()
    {
        var run = RunWith("push", 1, 0, 1_000);
        var oracle = new OracleSummary(10, 50, 49, 1, 0, 2, 51, []);

        var r = Thresholds.Evaluate(["missing==0", "duplicates==0", "out_of_order<=2", "missing<=1"], run, oracle, 10);

        Assert.Equal([false, true, true, true], r.Select(x => x.Passed));
        Assert.Equal(1, r[0].Actual);
    }

    [Fact]
    public void Evaluate_OracleMetricWithoutOracle_Fails()
    {
        var r = Assert.Single(Thresholds.Evaluate(["missing==0"], RunWith("self", 1, 0, 1), null, 10));

        Assert.False(r.Passed);
        Assert.Contains("no delivery oracle", r.Detail);
    }

    [Fact]
    public void Evaluate_UnknownStep_Fails()
    {
        var r = Assert.Single(Thresholds.Evaluate(["nosuch:p99<1s"], RunWith("self", 1, 0, 1), null, 10));

        Assert.False(r.Passed);
        Assert.Contains("no step named", r.Detail);
    }

    [Fact]
    public void Evaluate_Unparsable_FailsInsteadOfPassing()
    {
        var r = Assert.Single(Thresholds.Evaluate(["p99 is fine"], RunWith("self", 1, 0, 1), null, 10));

        Assert.False(r.Passed);
    }
}
