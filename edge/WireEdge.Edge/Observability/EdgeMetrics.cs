using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace WireEdge.Edge.Observability;

/// <summary>
/// Per-route request metrics of meter <c>WireEdge.Edge</c>: requests by status class, a latency
/// histogram (milliseconds; <c>_bucket</c>/<c>_sum</c>/<c>_count</c> series with <c>le</c>) and
/// throttled requests. Requests only bump counters (no allocation); the instruments are observed at
/// scrape time (<c>/i/metrics</c>).
/// </summary>
public sealed class EdgeMetrics : IDisposable
{
    public const string MeterName = "WireEdge.Edge";

    internal static readonly double[] BucketsMs = [0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];
    private static readonly string[] BucketLabels = [.. BucketsMs.Select(b => b.ToString(CultureInfo.InvariantCulture)).Append("+Inf")];

    private readonly Meter meter;
    private readonly ConcurrentDictionary<string, RouteStats> routes = new(StringComparer.Ordinal);

    public EdgeMetrics(IMeterFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        meter = factory.Create(MeterName);
        meter.CreateObservableCounter("wireedge.edge.requests", ObserveRequests, description: "Requests answered by the edge, by route and status class");
        meter.CreateObservableCounter("wireedge.edge.request_duration_ms_bucket", ObserveBuckets, description: "Edge request latency histogram (ms), cumulative per le");
        meter.CreateObservableCounter("wireedge.edge.request_duration_ms_sum", () => Observe(s => s.DurationMicros / 1000.0), description: "Sum of edge request latencies (ms)");
        meter.CreateObservableCounter("wireedge.edge.request_duration_ms_count", () => Observe(s => (double)s.Count), description: "Number of timed edge requests");
        meter.CreateObservableCounter("wireedge.edge.throttled", () => Observe(s => (double)s.Throttled), description: "Requests answered with the rate-limit status");
    }

    /// <summary>The stats of a route by name (kept across route-table reloads).</summary>
    public RouteStats For(string route) => routes.GetOrAdd(route, static r => new RouteStats(r));

    /// <summary>Requests answered so far, all routes.</summary>
    public long TotalRequests => routes.Values.Sum(s => s.Count);

    public void Dispose() => meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveRequests()
    {
        foreach (var s in routes.Values)
        {
            for (var i = 0; i < StatusClasses.Length; i++)
            {
                var n = Volatile.Read(ref s.ByClass[i]);
                if (n > 0)
                {
                    yield return new Measurement<long>(n, new KeyValuePair<string, object?>("route", s.Route), new KeyValuePair<string, object?>("status", StatusClasses[i]));
                }
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveBuckets()
    {
        foreach (var s in routes.Values)
        {
            if (s.Count == 0)
            {
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i < s.Buckets.Length; i++)
            {
                cumulative += Volatile.Read(ref s.Buckets[i]);
                yield return new Measurement<long>(cumulative, new KeyValuePair<string, object?>("route", s.Route), new KeyValuePair<string, object?>("le", BucketLabels[i]));
            }
        }
    }

    private IEnumerable<Measurement<double>> Observe(Func<RouteStats, double> value)
    {
        foreach (var s in routes.Values)
        {
            if (s.Count > 0)
            {
                yield return new Measurement<double>(value(s), new KeyValuePair<string, object?>("route", s.Route));
            }
        }
    }
}

/// <summary>Counters of one route (lock-free increments).</summary>
public sealed class RouteStats(string route)
{
    internal readonly long[] ByClass = new long[5];
    internal readonly long[] Buckets = new long[EdgeMetrics.BucketsMs.Length + 1];
    internal long DurationMicros;
    internal long Throttled;

    public string Route { get; } = route;

    /// <summary>Requests recorded (the sum of the histogram buckets; one interlocked add less per request).</summary>
    public long Count
    {
        get
        {
            long n = 0;
            for (var i = 0; i < Buckets.Length; i++)
            {
                n += Volatile.Read(ref Buckets[i]);
            }

            return n;
        }
    }

    /// <summary>Records one finished request.</summary>
    public void Record(int status, long startTimestamp)
    {
        var micros = (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds;
        var cls = status / 100 - 1;
        if (cls is >= 0 and < 5)
        {
            Interlocked.Increment(ref ByClass[cls]);
        }

        var ms = micros / 1000.0;
        var i = 0;
        while (i < EdgeMetrics.BucketsMs.Length && ms > EdgeMetrics.BucketsMs[i])
        {
            i++;
        }

        Interlocked.Increment(ref Buckets[i]);
        Interlocked.Add(ref DurationMicros, micros);
    }

    public void RecordThrottled() => Interlocked.Increment(ref Throttled);

    public long Requests(int statusClass) => Volatile.Read(ref ByClass[statusClass - 1]);
}
