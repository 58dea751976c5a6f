using System.Diagnostics;
using System.Globalization;

namespace WireEdge.Benchmarks.Brig;

/// <summary>Collects request latencies of a timed run and summarises them (count, rate, p50, p99, max).</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> millis = [];
    private readonly Lock gate = new();

    public int Failures { get; private set; }

    public async Task TimeAsync(Func<Task<bool>> request)
    {
        var start = Stopwatch.GetTimestamp();
        var ok = await request();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        lock (gate)
        {
            millis.Add(elapsed);
            if (!ok)
            {
                Failures++;
            }
        }
    }

    public string Summary(string name, TimeSpan duration)
    {
        lock (gate)
        {
            var sorted = millis.Order().ToArray();
            double P(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            return string.Create(CultureInfo.InvariantCulture,
                $"{name,-34} n={sorted.Length,6}  rate={sorted.Length / duration.TotalSeconds,8:F1}/s  p50={P(0.50),8:F2} ms  p99={P(0.99),8:F2} ms  max={(sorted.Length == 0 ? 0 : sorted[^1]),8:F2} ms  failures={Failures}");
        }
    }

    /// <summary>Runs <paramref name="workers"/> loops of <paramref name="request"/> until <paramref name="duration"/> has passed.</summary>
    public static async Task<LatencyRecorder> RunAsync(int workers, TimeSpan duration, Func<int, Task<bool>> request, CancellationToken stop = default)
    {
        var recorder = new LatencyRecorder();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        cts.CancelAfter(duration);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                await recorder.TimeAsync(() => request(w));
            }
        })));
        return recorder;
    }
}
