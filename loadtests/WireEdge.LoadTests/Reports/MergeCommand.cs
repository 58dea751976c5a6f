using System.CommandLine;
using System.Text.Json;
using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Reports;

/// <summary><c>wireedge-load merge a.json b.json ... [--threshold EXPR]... [--out DIR]</c>: one report from the JSON
/// reports of several runner processes (<c>--worker i/N</c>), thresholds evaluated on the merged result.</summary>
public static class MergeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var files = new Argument<string[]>("reports") { Description = "JSON reports written by runner processes with --worker i/N", Arity = ArgumentArity.OneOrMore };
        var thresholds = new Option<string[]>("--threshold") { Description = "replaces the thresholds recorded in the reports (repeatable)" };
        var outDir = new Option<string?>("--out") { Description = "report directory (default loadtests/results)" };
        var command = new RootCommand("wireedge-load merge: merge worker reports (histograms added, counts summed) and evaluate thresholds")
        {
            files, thresholds, outDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            var th = parse.GetValue(thresholds) ?? [];
            var problem = th.Select(Thresholds.Check).FirstOrDefault(x => x is not null);
            if (problem is not null)
            {
                await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return 2;
            }

            Report report;
            try
            {
                report = ReportMerge.Merge(parse.GetValue(files) ?? [], th, parse.GetValue(outDir) ?? "loadtests/results");
            }
            catch (Exception e) when (e is IOException or JsonException or InvalidDataException or FormatException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"cannot merge: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            return ResultOutput.WriteAndPrint(report);
        });
        return await command.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
