using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Reports;

/// <summary>Everything a report shows: environment, configuration, per-step statistics, oracle, thresholds.</summary>
public sealed record Report(RunOptions Options, RunContext Run, OracleSummary? Oracle, List<ThresholdResult> Thresholds, DateTimeOffset Started, DateTimeOffset Finished)
{
    // Settable so that a merged report carries the workers' environment rather than the merging process's.
    public string Commit { get; init; } = GitCommit();
    public string DotNet { get; init; } = RuntimeInformation.FrameworkDescription;
    public int Cores { get; init; } = Environment.ProcessorCount;
    public string Os { get; init; } = RuntimeInformation.OSDescription;
    public string Machine { get; init; } = Environment.MachineName;

    public string BaseName => string.Create(CultureInfo.InvariantCulture,
        $"{Options.Scenario}-{(Options.Profile.Length == 0 ? "adhoc" : Options.Profile)}{WorkerSuffix(Options)}-{Started:yyyyMMddTHHmmssZ}");

    private static string WorkerSuffix(RunOptions o) => o.Workers <= 1 ? "" : o.Worker < 0
        ? string.Create(CultureInfo.InvariantCulture, $"-merged{o.Workers}")
        : string.Create(CultureInfo.InvariantCulture, $"-w{o.Worker}of{o.Workers}");

    public static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Completed per second over the measured window; "-" for setup rows (not in that window).</summary>
    public static string Rate(Report r, StepStats s) => s.Name.StartsWith("setup:", StringComparison.Ordinal) ? "-" : F(s.Total / r.Options.DurationSeconds);

    public static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string GitCommit()
    {
        if (Environment.GetEnvironmentVariable("GIT_COMMIT") is { Length: > 0 } env)
        {
            return env;
        }

        try
        {
            using var p = Process.Start(new ProcessStartInfo("git", "rev-parse --short=12 HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (p is null)
            {
                return "unknown";
            }

            var s = p.StandardOutput.ReadToEnd().Trim();
            return p.WaitForExit(5000) && p.ExitCode == 0 && s.Length > 0 ? s : "unknown";
        }
#pragma warning disable CA1031 // no git on the box is fine
        catch (Exception)
#pragma warning restore CA1031
        {
            return "unknown";
        }
    }
}

public static class ReportWriter
{
    public static List<string> WriteAll(Report r)
    {
        Directory.CreateDirectory(r.Options.OutDir);
        var files = new List<string>();
        void Write(string ext, string content)
        {
            var path = Path.Combine(r.Options.OutDir, r.BaseName + ext);
            File.WriteAllText(path, content);
            files.Add(path);
        }

        Write(".md", MarkdownReport.Render(r));
        Write(".json", JsonReport.Render(r));
        Write(".csv", CsvReport.Render(r));
        Write(".html", HtmlReport.Render(r));
        return files;
    }
}
