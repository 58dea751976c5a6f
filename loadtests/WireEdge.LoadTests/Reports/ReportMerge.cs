using System.Globalization;
using System.Text.Json;
using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Reports;

/// <summary>
/// Merges the JSON reports of several runner processes that shared one scenario (<c>--worker i/N</c>) into one
/// report: latency histograms are added (exact percentiles of all samples, from the base64 HdrHistogram encoding
/// in each report), outcome counts, codes, bytes, timelines and connection gauges summed, oracle counts summed
/// (each worker has its own accounts and streams), and thresholds evaluated on the merged result.
/// </summary>
public static class ReportMerge
{
    public static Report Merge(IReadOnlyList<string> jsonFiles, IReadOnlyList<string>? thresholds, string outDir)
    {
        ArgumentNullException.ThrowIfNull(jsonFiles);
        if (jsonFiles.Count == 0)
        {
            throw new InvalidDataException("no reports to merge");
        }

        var docs = new List<JsonDocument>();
        try
        {
            foreach (var f in jsonFiles)
            {
                docs.Add(JsonDocument.Parse(File.ReadAllBytes(f)));
            }

            return Merge([.. docs.Select(d => d.RootElement)], thresholds, outDir);
        }
        finally
        {
            foreach (var d in docs)
            {
                d.Dispose();
            }
        }
    }

    public static Report Merge(IReadOnlyList<JsonElement> reports, IReadOnlyList<string>? thresholds, string outDir)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var first = reports[0];
        var scenario = first.GetProperty("scenario").GetString() ?? "";
        foreach (var r in reports)
        {
            if (r.GetProperty("scenario").GetString() != scenario)
            {
                throw new InvalidDataException($"cannot merge reports of different scenarios ({scenario}, {r.GetProperty("scenario").GetString()})");
            }

            if (!r.TryGetProperty("options", out _))
            {
                throw new InvalidDataException("a report without options/histograms (written by an older wireedge-load) cannot be merged");
            }
        }

        var options = MergedOptions(reports, outDir);
        if (thresholds is { Count: > 0 })
        {
            options.Thresholds = [.. thresholds];
        }

        var run = new RunContext(options);
        foreach (var r in reports)
        {
            foreach (var s in r.GetProperty("steps").EnumerateArray())
            {
                run.MergeStep(ReadStep(s));
            }

            var gauge = r.TryGetProperty("open_connections", out var g)
                ? g.EnumerateObject().Select(p => KeyValuePair.Create(int.Parse(p.Name, CultureInfo.InvariantCulture), p.Value.GetInt32())).ToList()
                : [];
            run.MergeConnections(r.TryGetProperty("peak_connections", out var peak) ? peak.GetInt32() : 0, gauge);
            if (r.TryGetProperty("notes", out var notes))
            {
                foreach (var n in notes.EnumerateArray())
                {
                    run.Notes.Enqueue($"worker {WorkerOf(r)}: {n.GetString()}");
                }
            }
        }

        var oracle = MergedOracle(reports);
        var results = Thresholds.Evaluate(options.Thresholds, run, oracle, options.DurationSeconds);
        var started = reports.Min(r => r.GetProperty("started").GetDateTimeOffset());
        var finished = reports.Max(r => r.GetProperty("finished").GetDateTimeOffset());
        var commits = reports.Select(r => r.GetProperty("commit").GetString() ?? "unknown").Distinct(StringComparer.Ordinal).ToList();
        run.Notes.Enqueue($"merged from {reports.Count} runner processes (workers {string.Join(", ", reports.Select(WorkerOf))}); per-second timelines are aligned on each worker's own measurement start");
        return new Report(options, run, oracle, results, started, finished)
        {
            Commit = string.Join("+", commits),
            DotNet = first.GetProperty("dotnet").GetString() ?? "",
            Cores = first.GetProperty("cores").GetInt32(),
            Os = first.GetProperty("os").GetString() ?? "",
        };
    }

    private static string WorkerOf(JsonElement r)
    {
        var o = r.GetProperty("options");
        return string.Create(CultureInfo.InvariantCulture, $"{o.GetProperty("worker").GetInt32()}/{o.GetProperty("workers").GetInt32()}");
    }

    /// <summary>The first worker's configuration with users and rate summed over all workers.</summary>
    private static RunOptions MergedOptions(IReadOnlyList<JsonElement> reports, string outDir)
    {
        var first = reports[0];
        var o = first.GetProperty("options");
        var merged = new RunOptions
        {
            Scenario = first.GetProperty("scenario").GetString() ?? "",
            Profile = first.GetProperty("profile").GetString() ?? "",
            Target = new Uri(o.GetProperty("target").GetString() ?? "http://127.0.0.1/"),
            Internal = new Uri(o.GetProperty("internal").GetString() ?? "http://127.0.0.1/"),
            Model = o.GetProperty("model").GetString() ?? "closed",
            Users = reports.Sum(r => r.GetProperty("options").GetProperty("users").GetInt32()),
            Rate = reports.Sum(r => r.GetProperty("options").GetProperty("rate").GetDouble()),
            RampSeconds = o.GetProperty("ramp").GetDouble(),
            WarmupSeconds = o.GetProperty("warmup").GetDouble(),
            DurationSeconds = reports.Max(r => r.GetProperty("options").GetProperty("duration").GetDouble()),
            MaxConnections = reports.Sum(r => r.GetProperty("options").GetProperty("max_connections").GetInt32()),
            MaxInFlight = o.GetProperty("max_in_flight").GetInt32(),
            Thresholds = [.. o.GetProperty("thresholds").EnumerateArray().Select(t => t.GetString() ?? "")],
            OutDir = outDir,
            Worker = -1,
            Workers = reports.Count,
        };
        if (o.TryGetProperty("max_iterations", out _))
        {
            merged.MaxIterations = reports.Sum(r => r.GetProperty("options").TryGetProperty("max_iterations", out var x) ? x.GetInt64() : 0);
        }

        foreach (var p in o.GetProperty("params").EnumerateObject())
        {
            merged.Params[p.Name] = p.Value.GetDouble();
        }

        return merged;
    }

    internal static StepStats ReadStep(JsonElement s)
    {
        var step = new StepStats(s.GetProperty("name").GetString() ?? "");
        step.AddCounts(s.GetProperty("ok").GetInt64(), s.GetProperty("failed").GetInt64(), s.GetProperty("bytes").GetInt64());
        HistogramCodec.DecodeInto(s.GetProperty("histogram_us").GetString() ?? "", step.Latency);
        foreach (var c in s.GetProperty("codes").EnumerateObject())
        {
            step.Codes[c.Name] = step.Codes.GetValueOrDefault(c.Name) + c.Value.GetInt64();
        }

        foreach (var b in s.GetProperty("timeline").EnumerateArray())
        {
            var h = new HdrHistogram.LongHistogram(60_000_000, 2);
            HistogramCodec.DecodeInto(b.GetProperty("histogram_us").GetString() ?? "", h);
            step.AddSecond(b.GetProperty("second").GetInt32(), b.GetProperty("count").GetInt64(), b.GetProperty("errors").GetInt64(), h);
        }

        return step;
    }

    private static OracleSummary? MergedOracle(IReadOnlyList<JsonElement> reports)
    {
        var oracles = reports.Where(r => r.TryGetProperty("oracle", out _)).Select(r => r.GetProperty("oracle")).ToList();
        if (oracles.Count == 0)
        {
            return null;
        }

        long Sum(string name) => oracles.Sum(o => o.TryGetProperty(name, out var v) ? v.GetInt64() : 0);
        var bySource = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var o in oracles)
        {
            if (o.TryGetProperty("receipts_by_source", out var src))
            {
                foreach (var p in src.EnumerateObject())
                {
                    bySource[p.Name] = bySource.GetValueOrDefault(p.Name) + p.Value.GetInt64();
                }
            }
        }

        return new OracleSummary(Sum("acknowledged_pushes"), Sum("expected_deliveries"), Sum("delivered"), Sum("missing"),
            Sum("duplicates"), Sum("out_of_order"), Sum("receipts"), bySource);
    }
}
