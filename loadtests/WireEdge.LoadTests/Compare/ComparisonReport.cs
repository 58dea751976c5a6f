using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace WireEdge.LoadTests.Compare;

/// <summary>One measured round of one target: named metrics (req/s, p99 ms, KiB/socket, ...).</summary>
public sealed record RoundResult(string Target, int Round, Dictionary<string, double> Metrics, string Note = "");

/// <summary>A ratio over paired rounds (round k of ours ÷ round k of the peer): median, min and max.</summary>
public sealed record RatioSummary(string Metric, string Ours, string Peer, string Meaning, List<double> Values)
{
    public double Median => ComparisonReport.Median(Values);
    public double Min => Values.Count == 0 ? double.NaN : Values.Min();
    public double Max => Values.Count == 0 ? double.NaN : Values.Max();
}

/// <summary>The result of a side-by-side comparison; rendered as Markdown and JSON.</summary>
public sealed class ComparisonReport(string name, string title)
{
    public string Name { get; } = name;
    public string Title { get; } = title;
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
    public DateTimeOffset Finished { get; set; }
    public SortedDictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);
    public List<RoundResult> Rounds { get; } = [];
    public List<RatioSummary> Ratios { get; } = [];
    public List<string> Notes { get; } = [];
    public List<string> MetricOrder { get; } = [];
    public List<double> LoadAverages { get; } = [];

    public static string F(double v) => double.IsNaN(v) ? "-" : v.ToString(Math.Abs(v) >= 100 ? "0" : Math.Abs(v) >= 10 ? "0.#" : "0.###", CultureInfo.InvariantCulture);

    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>The 1-minute load average of the box (shared with other builds; recorded with every round).</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public void Add(RoundResult r)
    {
        r.Metrics["load_avg_1m"] = LoadAverage();
        LoadAverages.Add(r.Metrics["load_avg_1m"]);
        foreach (var k in r.Metrics.Keys.Where(k => !MetricOrder.Contains(k)))
        {
            MetricOrder.Add(k);
        }

        Rounds.Add(r);
        var line = string.Join(", ", r.Metrics.Select(m => $"{m.Key}={F(m.Value)}"));
        Console.WriteLine($"[{DateTimeOffset.UtcNow:HH:mm:ss}] round {r.Round} {r.Target}: {line}{(r.Note.Length > 0 ? " (" + r.Note + ")" : "")}");
    }

    /// <summary>Pairs round k of <paramref name="ours"/> with round k of <paramref name="peer"/> and summarises metric ratios.</summary>
    public RatioSummary Ratio(string metric, string ours, string peer, string meaning, string? prefix = null)
    {
        var values = new List<double>();
        foreach (var o in Rounds.Where(r => r.Target == ours && (prefix is null || r.Note.StartsWith(prefix, StringComparison.Ordinal))))
        {
            var p = Rounds.FirstOrDefault(r => r.Target == peer && r.Round == o.Round && r.Note == o.Note);
            if (p is not null && o.Metrics.TryGetValue(metric, out var a) && p.Metrics.TryGetValue(metric, out var b) && b > 0 && !double.IsNaN(a))
            {
                values.Add(a / b);
            }
        }

        var s = new RatioSummary(prefix is null ? metric : $"{prefix} {metric}", ours, peer, meaning, values);
        Ratios.Add(s);
        return s;
    }

    public string BaseName => string.Create(CultureInfo.InvariantCulture, $"compare-{Name}-{Started:yyyyMMddTHHmmssZ}");

    public string Markdown()
    {
        var sb = new StringBuilder();
        var ic = CultureInfo.InvariantCulture;
        sb.AppendLine(ic, $"# Comparison `{Name}`: {Title}");
        sb.AppendLine();
        sb.AppendLine(ic, $"- started {Started:u}, finished {Finished:u} ({(Finished - Started).TotalMinutes:0.0} min)");
        sb.AppendLine(ic, $"- commit {CompareEnv.Commit}, {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}");
        if (LoadAverages.Count > 0)
        {
            sb.AppendLine(ic, $"- load average (1 min) at the end of each round: median {F(Median(LoadAverages))}, min {F(LoadAverages.Min())}, max {F(LoadAverages.Max())} (the box is shared: only same-run ratios mean anything)");
        }

        sb.AppendLine(ic, $"- method: peer started by the runner, same client and settings, interleaved rounds (ours, peer, ours, peer, ...), ratio per round pair, median (min-max)");
        sb.AppendLine();
        sb.AppendLine("## Result");
        sb.AppendLine();
        sb.AppendLine("| ratio | ours ÷ peer, median | min | max | rounds | meaning |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in Ratios)
        {
            sb.AppendLine(ic, $"| {r.Metric}: {r.Ours} ÷ {r.Peer} | **{F(r.Median)}** | {F(r.Min)} | {F(r.Max)} | {r.Values.Count} | {r.Meaning} |");
        }

        sb.AppendLine();
        sb.AppendLine("## Settings");
        sb.AppendLine();
        foreach (var (k, v) in Settings)
        {
            sb.AppendLine(ic, $"- `{k}`: {v}");
        }

        sb.AppendLine();
        sb.AppendLine("## Rounds");
        sb.AppendLine();
        sb.AppendLine("| round | target | " + string.Join(" | ", MetricOrder) + " | note |");
        sb.AppendLine("|---|---|" + string.Concat(MetricOrder.Select(_ => "---|")) + "---|");
        foreach (var r in Rounds)
        {
            var cells = string.Join(" | ", MetricOrder.Select(m => r.Metrics.TryGetValue(m, out var v) ? F(v) : ""));
            sb.AppendLine(ic, $"| {r.Round} | {r.Target} | {cells} | {r.Note} |");
        }

        if (Notes.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Notes");
            sb.AppendLine();
            foreach (var n in Notes)
            {
                sb.AppendLine(ic, $"- {n}");
            }
        }

        return sb.ToString();
    }

    public string Json()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("comparison", Name);
            w.WriteString("title", Title);
            w.WriteString("started", Started);
            w.WriteString("finished", Finished);
            w.WriteString("commit", CompareEnv.Commit);
            w.WriteString("dotnet", RuntimeInformation.FrameworkDescription);
            w.WriteNumber("cores", Environment.ProcessorCount);
            w.WriteStartObject("settings");
            foreach (var (k, v) in Settings)
            {
                w.WriteString(k, v);
            }

            w.WriteEndObject();
            w.WriteStartArray("ratios");
            foreach (var r in Ratios)
            {
                w.WriteStartObject();
                w.WriteString("metric", r.Metric);
                w.WriteString("ours", r.Ours);
                w.WriteString("peer", r.Peer);
                w.WriteString("meaning", r.Meaning);
                Num(w, "median", r.Median);
                Num(w, "min", r.Min);
                Num(w, "max", r.Max);
                w.WriteStartArray("per_round");
                foreach (var v in r.Values)
                {
                    w.WriteNumberValue(Math.Round(v, 4));
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("rounds");
            foreach (var r in Rounds)
            {
                w.WriteStartObject();
                w.WriteString("target", r.Target);
                w.WriteNumber("round", r.Round);
                w.WriteString("note", r.Note);
                foreach (var (k, v) in r.Metrics)
                {
                    Num(w, k, v);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (var n in Notes)
            {
                w.WriteStringValue(n);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void Num(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, Math.Round(v, 4));
        }
    }

    public List<string> Write(string dir)
    {
        Finished = DateTimeOffset.UtcNow;
        Directory.CreateDirectory(dir);
        var md = Path.Combine(dir, BaseName + ".md");
        var json = Path.Combine(dir, BaseName + ".json");
        File.WriteAllText(md, Markdown());
        File.WriteAllText(json, Json());
        return [md, json];
    }
}
