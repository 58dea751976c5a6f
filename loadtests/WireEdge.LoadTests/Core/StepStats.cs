using HdrHistogram;

namespace WireEdge.LoadTests.Core;

/// <summary>Outcome of one step: success flag, a code (HTTP status, close code, exception name) and bytes moved.</summary>
public readonly record struct StepResult(bool Ok, string Code, long Bytes = 0)
{
    public static StepResult Success(string code = "ok", long bytes = 0) => new(true, code, bytes);
    public static StepResult Failure(string code, long bytes = 0) => new(false, code, bytes);
}

/// <summary>One second of a step's timeline.</summary>
public sealed class SecondBucket
{
    public long Count { get; set; }
    public long Errors { get; set; }
    public LongHistogram Latency { get; } = new(60_000_000, 2);
}

/// <summary>Per-step statistics: latency histogram in microseconds, counts by code, bytes, per-second timeline.</summary>
public sealed class StepStats(string name)
{
    private readonly Lock gate = new();

    public string Name { get; } = name;
    public LongHistogram Latency { get; } = new(3_600_000_000, 3);
    public SortedDictionary<string, long> Codes { get; } = new(StringComparer.Ordinal);
    public long Ok { get; private set; }
    public long Failed { get; private set; }
    public long Bytes { get; private set; }
    public SortedDictionary<int, SecondBucket> Timeline { get; } = [];

    public long Total => Ok + Failed;

    public void Record(long micros, StepResult result, int second)
    {
        micros = Math.Clamp(micros, 1, 3_600_000_000);
        lock (gate)
        {
            Latency.RecordValue(micros);
            Codes[result.Code] = Codes.GetValueOrDefault(result.Code) + 1;
            if (result.Ok)
            {
                Ok++;
            }
            else
            {
                Failed++;
            }

            Bytes += result.Bytes;
            if (!Timeline.TryGetValue(second, out var bucket))
            {
                bucket = new SecondBucket();
                Timeline[second] = bucket;
            }

            bucket.Count++;
            if (!result.Ok)
            {
                bucket.Errors++;
            }

            bucket.Latency.RecordValue(Math.Min(micros, 60_000_000));
        }
    }

    /// <summary>Adds another run's statistics of this step (merging the reports of several runner processes):
    /// histograms are added, so percentiles are those of the union of all samples.</summary>
    public void Add(StepStats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        lock (gate)
        {
            Latency.Add(other.Latency);
            foreach (var (code, n) in other.Codes)
            {
                Codes[code] = Codes.GetValueOrDefault(code) + n;
            }

            Ok += other.Ok;
            Failed += other.Failed;
            Bytes += other.Bytes;
            foreach (var (second, b) in other.Timeline)
            {
                AddSecond(second, b.Count, b.Errors, b.Latency);
            }
        }
    }

    /// <summary>Adds outcome counts recorded elsewhere (a worker's report); the latency histogram is added separately.</summary>
    public void AddCounts(long ok, long failed, long bytes)
    {
        lock (gate)
        {
            Ok += ok;
            Failed += failed;
            Bytes += bytes;
        }
    }

    /// <summary>Adds one second of a timeline recorded elsewhere.</summary>
    public void AddSecond(int second, long count, long errors, HistogramBase? latency)
    {
        lock (gate)
        {
            if (!Timeline.TryGetValue(second, out var bucket))
            {
                bucket = new SecondBucket();
                Timeline[second] = bucket;
            }

            bucket.Count += count;
            bucket.Errors += errors;
            if (latency is not null)
            {
                bucket.Latency.Add(latency);
            }
        }
    }

    public double Percentile(double p)
    {
        lock (gate)
        {
            return Latency.TotalCount == 0 ? 0 : Latency.GetValueAtPercentile(p) / 1000.0;
        }
    }

    public double MaxMs
    {
        get
        {
            lock (gate)
            {
                return Latency.TotalCount == 0 ? 0 : Latency.GetMaxValue() / 1000.0;
            }
        }
    }
}
