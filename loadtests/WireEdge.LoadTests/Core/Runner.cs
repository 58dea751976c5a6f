using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace WireEdge.LoadTests.Core;

/// <summary>Drives a scenario with the closed model (N users, each looping) or the open model (R iterations/s).</summary>
public static class Runner
{
    /// <summary>What a worker prints once its setup is done (with <see cref="RunOptions.Barrier"/>).</summary>
    public const string ReadyLine = "wireedge-load: ready";

    public static async Task RunAsync(Scenario scenario, RunContext run, CancellationToken ct)
    {
        var o = run.Options;
        await scenario.SetupAsync(run, ct).ConfigureAwait(false);
        if (o.Barrier)
        {
            Console.WriteLine(ReadyLine);
            Console.Out.Flush();
            await Console.In.ReadLineAsync(ct).ConfigureAwait(false);
        }

        var total = TimeSpan.FromSeconds(o.WarmupSeconds + o.DurationSeconds);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long iterations = 0;
        var phaseStart = Stopwatch.GetTimestamp();

        var timer = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(o.WarmupSeconds), stop.Token).ConfigureAwait(false);
                run.StartRecording();
                await Task.Delay(TimeSpan.FromSeconds(o.DurationSeconds), stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                run.StopRecording();
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }, CancellationToken.None);

        var progress = ProgressAsync(run, stop.Token, phaseStart, total);

        bool NextIteration(out long n)
        {
            n = Interlocked.Increment(ref iterations);
            if (n > o.MaxIterations)
            {
                stop.Cancel();
                return false;
            }

            return true;
        }

        if (o.Model == "closed")
        {
            var users = new Task[o.Users];
            for (var i = 0; i < o.Users; i++)
            {
                var vu = i;
                users[i] = Task.Run(async () =>
                {
                    if (o.RampSeconds > 0)
                    {
                        await Delay(TimeSpan.FromSeconds(o.RampSeconds * vu / o.Users), stop.Token).ConfigureAwait(false);
                    }

                    while (!stop.IsCancellationRequested && NextIteration(out var n))
                    {
                        await RunIterationAsync(scenario, new VuContext(run, vu, n, Stopwatch.GetTimestamp()), stop.Token).ConfigureAwait(false);
                    }
                }, CancellationToken.None);
            }

            await Task.WhenAll(users).ConfigureAwait(false);
        }
        else
        {
            await OpenModelAsync(scenario, run, stop, NextIteration).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await timer.ConfigureAwait(false);
        await progress.ConfigureAwait(false);

        using var teardown = CancellationTokenSource.CreateLinkedTokenSource(ct);
        teardown.CancelAfter(TimeSpan.FromSeconds(120));
        await scenario.TeardownAsync(run, teardown.Token).ConfigureAwait(false);
    }

    private delegate bool NextIterationFn(out long n);

    private static async Task OpenModelAsync(Scenario scenario, RunContext run, CancellationTokenSource stop, NextIterationFn next)
    {
        var o = run.Options;
        var start = Stopwatch.GetTimestamp();
        var inFlight = 0;
        var running = new List<Task>();
        double t = 0;
        var vu = 0;
        while (!stop.IsCancellationRequested)
        {
            var wait = TimeSpan.FromSeconds(t) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.FromMilliseconds(2))
            {
                await Delay(wait, stop.Token).ConfigureAwait(false);
            }

            if (stop.IsCancellationRequested || !next(out var n))
            {
                break;
            }

            var scheduled = start + (long)(t * Stopwatch.Frequency);
            t = NextScheduledOffset(t, o);
            if (Volatile.Read(ref inFlight) >= o.MaxInFlight)
            {
                run.Record("iteration", scheduled, StepResult.Failure("max-in-flight"));
                continue;
            }

            Interlocked.Increment(ref inFlight);
            var id = vu++ % Math.Max(1, o.Users);
            running.Add(Task.Run(async () =>
            {
                try
                {
                    var ok = await RunIterationAsync(scenario, new VuContext(run, id, n, scheduled), stop.Token).ConfigureAwait(false);
                    run.Record("iteration", scheduled, ok ? StepResult.Success() : StepResult.Failure("failed"));
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }, CancellationToken.None));
            if (running.Count > 4096)
            {
                running.RemoveAll(x => x.IsCompleted);
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>Open model: the scheduled offset (seconds from the start) of the iteration after the one scheduled at
    /// <paramref name="t"/>. Depends only on the configured rate and ramp, never on how long iterations take.</summary>
    public static double NextScheduledOffset(double t, RunOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var rate = o.RampSeconds > 0 && t < o.RampSeconds ? Math.Max(o.Rate * t / o.RampSeconds, 1) : o.Rate;
        return t + (1.0 / rate);
    }

    private static async Task<bool> RunIterationAsync(Scenario scenario, VuContext vu, CancellationToken ct)
    {
        try
        {
            await scenario.IterationAsync(vu, ct).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
#pragma warning disable CA1031 // an iteration failure is recorded, the user goes on
        catch (Exception e)
#pragma warning restore CA1031
        {
            vu.Run.Record("iteration-error", Stopwatch.GetTimestamp(), StepResult.Failure(e.GetType().Name));
            return false;
        }
    }

    private static async Task Delay(TimeSpan wait, CancellationToken ct)
    {
        try
        {
            await Task.Delay(wait, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task ProgressAsync(RunContext run, CancellationToken ct, long start, TimeSpan total)
    {
        var live = !run.Options.NoProgress && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!live)
        {
            while (!ct.IsCancellationRequested)
            {
                run.SampleGauge();
                await Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }

            return;
        }

        await AnsiConsole.Live(new Text("starting")).StartAsync(async ctx =>
        {
            while (!ct.IsCancellationRequested)
            {
                run.SampleGauge();
                ctx.UpdateTarget(Render(run, Stopwatch.GetElapsedTime(start), total));
                await Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }

            ctx.UpdateTarget(Render(run, Stopwatch.GetElapsedTime(start), total));
        }).ConfigureAwait(false);
    }

    private static Table Render(RunContext run, TimeSpan elapsed, TimeSpan total)
    {
        var table = new Table().Title(string.Create(CultureInfo.InvariantCulture,
            $"{run.Options.Scenario} {elapsed.TotalSeconds:0}/{total.TotalSeconds:0}s {(run.Recording ? "measuring" : "warm-up/idle")} · open connections {run.OpenConnections}"));
        table.AddColumns("step", "ok", "failed", "p50 ms", "p99 ms", "max ms");
        foreach (var s in run.Steps)
        {
            table.AddRow(s.Name, s.Ok.ToString(CultureInfo.InvariantCulture), s.Failed.ToString(CultureInfo.InvariantCulture),
                s.Percentile(50).ToString("0.00", CultureInfo.InvariantCulture), s.Percentile(99).ToString("0.00", CultureInfo.InvariantCulture),
                s.MaxMs.ToString("0.00", CultureInfo.InvariantCulture));
        }

        return table;
    }
}
