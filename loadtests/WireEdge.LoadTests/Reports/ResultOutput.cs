using System.Globalization;

namespace WireEdge.LoadTests.Reports;

/// <summary>Writes a report's files and prints it: the Markdown, the file names, one PASS/FAIL line per threshold
/// and the closing <c>N passed, N failed</c>. Returns the exit code (0 all passed, 1 any failed).</summary>
public static class ResultOutput
{
    public static int WriteAndPrint(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var files = ReportWriter.WriteAll(report);
        Console.WriteLine(MarkdownReport.Render(report));
        foreach (var f in files)
        {
            Console.WriteLine($"report: {f}");
        }

        foreach (var r in report.Thresholds)
        {
            Console.WriteLine($"{(r.Passed ? "PASS" : "FAIL")} {r.Text} (actual {r.Actual.ToString("0.###", CultureInfo.InvariantCulture)}; {r.Detail})");
        }

        var passed = report.Thresholds.Count(r => r.Passed);
        Console.WriteLine($"{passed} passed, {report.Thresholds.Count - passed} failed");
        return report.Thresholds.All(r => r.Passed) ? 0 : 1;
    }
}
