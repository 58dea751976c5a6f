using System.Collections.Concurrent;
using System.Diagnostics;

namespace WireEdge.LoadTests.Core;

/// <summary>A scenario: optional setup, one iteration body run by every virtual user, optional teardown.</summary>
public abstract class Scenario
{
    public abstract string Name { get; }

    public virtual Task SetupAsync(RunContext run, CancellationToken ct) => Task.CompletedTask;

    public abstract Task IterationAsync(VuContext vu, CancellationToken ct);

    /// <summary>Runs after the load phase (e.g. the delivery oracle's drain and catch-up).</summary>
    public virtual Task TeardownAsync(RunContext run, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Shared state of one run: options, step statistics, connection gauge, oracle.</summary>
public sealed class RunContext(RunOptions options)
{
    private readonly ConcurrentDictionary<string, StepStats> steps = new(StringComparer.Ordinal);
    private long measureStart = Stopwatch.GetTimestamp();
    private int openConnections;
    private int peakConnections;

    public RunOptions Options { get; } = options;
    public DeliveryOracle Oracle { get; } = new();
    public ConcurrentQueue<string> Notes { get; } = new();
    public SortedDictionary<int, int> ConnectionGauge { get; } = [];

    /// <summary>False during warm-up: steps run but are not recorded.</summary>
    public bool Recording { get; private set; }

    public int OpenConnections => Volatile.Read(ref openConnections);
    public int PeakConnections => Volatile.Read(ref peakConnections);
    public IReadOnlyCollection<StepStats> Steps => steps.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public void StartRecording()
    {
        measureStart = Stopwatch.GetTimestamp();
        Recording = true;
    }

    public void StopRecording() => Recording = false;

    public int Second => (int)Stopwatch.GetElapsedTime(measureStart).TotalSeconds;

    public double ElapsedSeconds => Stopwatch.GetElapsedTime(measureStart).TotalSeconds;

    public StepStats Stats(string step) => steps.GetOrAdd(step, n => new StepStats(n));

    /// <summary>Records a step outcome (ignored during warm-up unless forced, e.g. setup steps).</summary>
    public void Record(string step, long startTimestamp, StepResult result, bool force = false)
    {
        if (!Recording && !force)
        {
            return;
        }

        var micros = (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds;
        Stats(step).Record(micros, result, Math.Max(0, Second));
    }

    /// <summary>Takes one slot under the connection bound; false when the bound is reached.</summary>
    public bool TryOpenConnection()
    {
        var now = Interlocked.Increment(ref openConnections);
        if (now > Options.MaxConnections)
        {
            Interlocked.Decrement(ref openConnections);
            return false;
        }

        int peak;
        while (now > (peak = Volatile.Read(ref peakConnections)) && Interlocked.CompareExchange(ref peakConnections, now, peak) != peak)
        {
        }

        return true;
    }

    public void CloseConnection() => Interlocked.Decrement(ref openConnections);

    /// <summary>Adds a step recorded by another runner process (merge of worker reports).</summary>
    public void MergeStep(StepStats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Stats(other.Name).Add(other);
    }

    /// <summary>Adds another process's connection figures: its peak, and its gauge second by second.</summary>
    public void MergeConnections(int peak, IEnumerable<KeyValuePair<int, int>> gauge)
    {
        ArgumentNullException.ThrowIfNull(gauge);
        Interlocked.Add(ref peakConnections, peak);
        lock (ConnectionGauge)
        {
            foreach (var (second, n) in gauge)
            {
                ConnectionGauge[second] = ConnectionGauge.GetValueOrDefault(second) + n;
            }
        }
    }

    public void SampleGauge()
    {
        if (Recording)
        {
            lock (ConnectionGauge)
            {
                ConnectionGauge[Math.Max(0, Second)] = OpenConnections;
            }
        }
    }
}

/// <summary>What one iteration of one virtual user sees.</summary>
public sealed class VuContext(RunContext run, int vu, long iteration, long scheduledStart)
{
    private long firstStepStart = scheduledStart;

    public RunContext Run { get; } = run;
    public int Vu { get; } = vu;
    public long Iteration { get; } = iteration;

    /// <summary>Scheduled start (open model) or actual start (closed model), Stopwatch timestamp.</summary>
    public long ScheduledStart { get; } = scheduledStart;

    /// <summary>Runs and times a named step. The first step of an iteration is timed from the scheduled start,
    /// so time spent waiting for a free slot counts against it (no coordinated omission).</summary>
    public async Task<StepResult> StepAsync(string name, Func<CancellationToken, Task<StepResult>> body, CancellationToken ct)
    {
        var start = firstStepStart != 0 ? firstStepStart : Stopwatch.GetTimestamp();
        firstStepStart = 0;
        StepResult result;
        try
        {
            result = await body(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a step's failure is data, never a crash of the runner
        catch (Exception e)
#pragma warning restore CA1031
        {
            result = StepResult.Failure(e is HttpRequestException h && h.StatusCode is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : e.GetType().Name);
        }

        Run.Record(name, start, result);
        return result;
    }
}
