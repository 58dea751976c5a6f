using System.Collections.Concurrent;
using System.Diagnostics;
using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Tests;

public class OpenModelTests
{
    [Fact]
    public void NextScheduledOffset_ConstantRate_IsEvenlySpaced()
    {
        var o = new RunOptions { Model = "open", Rate = 200 };
        var t = 0.0;
        for (var k = 1; k <= 1000; k++)
        {
            t = Runner.NextScheduledOffset(t, o);
            Assert.Equal(k / 200.0, t, 9);
        }
    }

    [Fact]
    public void NextScheduledOffset_Ramp_RaisesTheRateUntilTheTarget()
    {
        var o = new RunOptions { Model = "open", Rate = 100, RampSeconds = 10 };
        var gaps = new List<double>();
        var t = 0.0;
        while (t < 12)
        {
            var next = Runner.NextScheduledOffset(t, o);
            gaps.Add(next - t);
            t = next;
        }

        Assert.True(gaps.Zip(gaps.Skip(1)).All(p => p.Second <= p.First + 1e-12), "gaps never grow during the ramp");
        Assert.Equal(0.01, gaps[^1], 9);
        Assert.Equal(1.0, gaps[0], 9); // at t=0 the ramp starts at its floor of 1 iteration/s
    }

    [Fact]
    public async Task FirstStep_IsTimedFromTheScheduledStart_NotFromWhenItRan()
    {
        var run = new RunContext(new RunOptions { Scenario = "test" });
        run.StartRecording();
        var scheduled = Stopwatch.GetTimestamp() - (100 * Stopwatch.Frequency); // the iteration is 100 s late
        var vu = new VuContext(run, 0, 1, scheduled);

        await vu.StepAsync("first", _ => Task.FromResult(StepResult.Success()), CancellationToken.None);
        await vu.StepAsync("second", _ => Task.FromResult(StepResult.Success()), CancellationToken.None);

        Assert.True(run.Stats("first").Percentile(50) >= 100_000, "the wait for a free slot counts against the first step");
        Assert.True(run.Stats("second").Percentile(50) < 100_000, "later steps are timed from their own start");
    }

    /// <summary>Every iteration blocks until 20 iterations are running at once. A runner that waited for responses
    /// before issuing the next request (coordinated omission) would never get there; the open model must.</summary>
    private sealed class GateScenario : Scenario
    {
        private readonly TaskCompletionSource allStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int started;

        public const int Concurrent = 20;

        public ConcurrentBag<long> Scheduled { get; } = [];

        public bool GateOpened { get; private set; }

        public override string Name => "gate";

        public override async Task IterationAsync(VuContext vu, CancellationToken ct)
        {
            Scheduled.Add(vu.ScheduledStart);
            if (Interlocked.Increment(ref started) >= Concurrent)
            {
                allStarted.TrySetResult();
            }

            await vu.StepAsync("wait", async _ =>
            {
                GateOpened = await Task.WhenAny(allStarted.Task, Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None)) == allStarted.Task;
                return GateOpened ? StepResult.Success() : StepResult.Failure("gate-timeout");
            }, ct);
        }
    }

    [Fact]
    public async Task OpenModel_SlowResponses_DoNotDelayTheSchedule()
    {
        var o = new RunOptions { Scenario = "gate", Model = "open", Rate = 200, Users = 1, DurationSeconds = 60, MaxIterations = GateScenario.Concurrent, NoProgress = true };
        var scenario = new GateScenario();

        await Runner.RunAsync(scenario, new RunContext(o), CancellationToken.None);

        Assert.True(scenario.GateOpened, "20 iterations were in flight at once");
        var scheduled = scenario.Scheduled.Order().ToList();
        Assert.Equal(GateScenario.Concurrent, scheduled.Count);
        for (var k = 0; k < scheduled.Count; k++)
        {
            // scheduled starts are k/rate after the first, whatever the responses did
            Assert.InRange((scheduled[k] - scheduled[0]) * 1000.0 / Stopwatch.Frequency, (k * 5.0) - 0.01, (k * 5.0) + 0.01);
        }
    }
}
