using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using WireEdge.LoadTests.Core;
using WireEdge.LoadTests.Reports;

namespace WireEdge.LoadTests.Tests;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "wireedge-load-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private Report SampleReport()
    {
        var o = new RunOptions { Scenario = "fanout", Profile = "ci", Model = "open", Users = 40, Rate = 50, DurationSeconds = 3, OutDir = dir, Thresholds = ["missing==0", "push:p99<1s", "errors<0.1%"] };
        o.Params["group_size"] = 5;
        var run = new RunContext(o);
        for (var second = 0; second < 3; second++)
        {
            for (var i = 1; i <= 50; i++)
            {
                run.Stats("push").Record(i * 100, StepResult.Success("200", 120), second);
                run.Stats("delivery").Record(i * 300, StepResult.Success("frame", 200), second);
            }
        }

        run.Stats("push").Record(2_000, StepResult.Failure("503"), 1);
        run.Stats("setup:register").Record(50_000, StepResult.Success("201"), 0);
        run.MergeConnections(40, [KeyValuePair.Create(0, 40), KeyValuePair.Create(1, 40), KeyValuePair.Create(2, 40)]);
        run.Notes.Enqueue("a note <with> \"markup\" & commas, here");
        var oracle = new OracleSummary(150, 750, 750, 0, 0, 0, 750, new() { ["websocket"] = 750 });
        var results = Thresholds.Evaluate(o.Thresholds, run, oracle, o.DurationSeconds);
        return new Report(o, run, oracle, results, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 28, 12, 0, 5, TimeSpan.Zero))
        {
            Commit = "abc123def456",
        };
    }

    [Fact]
    public void WriteAll_WritesFourFilesNamedAfterScenarioProfileAndTime()
    {
        var files = ReportWriter.WriteAll(SampleReport());

        Assert.Equal([".md", ".json", ".csv", ".html"], files.Select(Path.GetExtension));
        Assert.All(files, f => Assert.StartsWith("fanout-ci-20261128T120000Z", Path.GetFileName(f), StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 0));
    }

    [Fact]
    public void Json_IsValidAndCarriesEnvironmentConfigurationStepsOracleAndThresholds()
    {
        var r = SampleReport();
        using var doc = JsonDocument.Parse(JsonReport.Render(r));
        var root = doc.RootElement;

        Assert.Equal("abc123def456", root.GetProperty("commit").GetString());
        Assert.Equal(RuntimeInformation.FrameworkDescription, root.GetProperty("dotnet").GetString());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("cores").GetInt32());
        Assert.Contains("group_size=5", root.GetProperty("configuration").GetString(), StringComparison.Ordinal);
        Assert.Equal(40, root.GetProperty("options").GetProperty("users").GetInt32());
        var push = root.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "push");
        Assert.Equal(150, push.GetProperty("ok").GetInt64());
        Assert.Equal(1, push.GetProperty("failed").GetInt64());
        Assert.Equal(1, push.GetProperty("codes").GetProperty("503").GetInt64());
        Assert.Equal(3, push.GetProperty("timeline").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(push.GetProperty("histogram_us").GetString()));
        Assert.Equal(0, root.GetProperty("oracle").GetProperty("missing").GetInt64());
        Assert.Equal(3, root.GetProperty("thresholds").GetArrayLength());
        Assert.Equal(40, root.GetProperty("peak_connections").GetInt32());
    }

    [Fact]
    public void Markdown_HasHeaderLinesTablesAndTheSummaryLine()
    {
        var md = MarkdownReport.Render(SampleReport());

        Assert.StartsWith("# wireedge-load: fanout (ci)", md, StringComparison.Ordinal);
        Assert.Contains("abc123def456", md, StringComparison.Ordinal);
        Assert.Contains(RuntimeInformation.FrameworkDescription, md, StringComparison.Ordinal);
        Assert.Contains($"{Environment.ProcessorCount} cores", md, StringComparison.Ordinal);
        Assert.Contains("configuration: `scenario=fanout profile=ci model=open users=40", md, StringComparison.Ordinal);
        var rows = md.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        var columns = rows.Select(l => l.Count(c => c == '|')).Distinct().ToList();
        Assert.Equal(2, columns.Count); // the steps table and the thresholds table, each with a fixed column count
        Assert.Contains("**0 missing**", md, StringComparison.Ordinal);
        Assert.Contains("2 passed, 1 failed", md, StringComparison.Ordinal); // errors<0.1% fails: 1 failed of 302 outcomes
    }

    [Fact]
    public void Csv_HasTheHeaderAndAConstantColumnCount()
    {
        var csv = CsvReport.Render(SampleReport()).TrimEnd('\n').Split('\n');

        Assert.StartsWith("# commit=abc123def456 dotnet=", csv[0], StringComparison.Ordinal);
        Assert.Contains($"cores={Environment.ProcessorCount}", csv[0], StringComparison.Ordinal);
        Assert.Equal("step,second,ok,failed,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,bytes,open_connections", csv[1]);
        var widths = csv.Skip(1).Select(l => l.Split(',').Length).Distinct();
        Assert.Equal([11], widths);
        Assert.Equal(3, csv.Count(l => l.EndsWith(",all,", StringComparison.Ordinal) || l.Contains(",all,", StringComparison.Ordinal)));
        var pushAll = csv.Single(l => l.StartsWith("push,all,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("150", pushAll[2]);
        Assert.Equal("1", pushAll[3]);
        Assert.True(double.TryParse(pushAll[6], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public void Html_IsSelfContainedWithBalancedElementsAndEscapedText()
    {
        var html = HtmlReport.Render(SampleReport());

        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("(src|href)=\"https?:"), html);
        foreach (var tag in new[] { "table", "tr", "svg", "h1", "h2", "h3", "p", "code" })
        {
            Assert.Equal(Regex.Count(html, $"<{tag}[ >]"), Regex.Count(html, $"</{tag}>"));
        }

        Assert.Contains("abc123def456", html, StringComparison.Ordinal);
        Assert.Contains($"{Environment.ProcessorCount} cores", html, StringComparison.Ordinal);
        Assert.Contains("a note &lt;with&gt; &quot;markup&quot; &amp; commas", html, StringComparison.Ordinal);
        Assert.Equal(1 + 2 * 2, Regex.Count(html, "<svg ")); // connections + rate and latency for push and delivery (not setup rows)
    }
}
