using HdrHistogram;
using System.Globalization;
using System.Text.RegularExpressions;

namespace WireEdge.LoadTests.Core;

/// <summary>Outcome of one threshold.</summary>
public sealed record ThresholdResult(string Text, bool Passed, double Actual, string Detail);

/// <summary>
/// Thresholds such as <c>p99&lt;10ms</c>, <c>login:p99&lt;200ms</c>, <c>errors&lt;0.1%</c>, <c>missing==0</c>, <c>iteration:rps&gt;=50</c>.
/// Latency metrics without a step apply to every step (the worst one counts).
/// </summary>
public static partial class Thresholds
{
    [GeneratedRegex(@"^\s*(?:(?<step>[^:<>=]+):)?(?<metric>p50|p90|p99|p99\.9|max|mean|errors|missing|duplicates|out_of_order|rps|count)\s*(?<op><=|>=|==|<|>)\s*(?<val>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>ms|us|s|%)?\s*$")]
    private static partial Regex Pattern();

    public static string? Check(string text) => Pattern().IsMatch(text) ? null : $"cannot parse threshold '{text}' (e.g. p99<10ms, login:p99<200ms, errors<0.1%, missing==0)";

    public static List<ThresholdResult> Evaluate(IEnumerable<string> thresholds, RunContext run, OracleSummary? oracle, double seconds)
    {
        var results = new List<ThresholdResult>();
        foreach (var text in thresholds)
        {
            var m = Pattern().Match(text);
            if (!m.Success)
            {
                results.Add(new ThresholdResult(text, false, double.NaN, "unparsable"));
                continue;
            }

            var stepName = m.Groups["step"].Success ? m.Groups["step"].Value.Trim() : null;
            var metric = m.Groups["metric"].Value;
            var unit = m.Groups["unit"].Value;
            var value = double.Parse(m.Groups["val"].Value, CultureInfo.InvariantCulture);
            var steps = run.Steps.Where(s => stepName is null || s.Name == stepName).ToList();
            if (stepName is not null && steps.Count == 0)
            {
                results.Add(new ThresholdResult(text, false, double.NaN, $"no step named '{stepName}'"));
                continue;
            }

            double actual;
            string detail;
            switch (metric)
            {
                case "missing" or "duplicates" or "out_of_order":
                    if (oracle is null)
                    {
                        results.Add(new ThresholdResult(text, false, double.NaN, "this scenario has no delivery oracle"));
                        continue;
                    }

                    actual = metric switch { "missing" => oracle.Missing, "duplicates" => oracle.Duplicates, _ => oracle.OutOfOrder };
                    detail = $"{actual} of {oracle.ExpectedDeliveries} expected deliveries";
                    break;
                case "errors":
                    var failed = steps.Sum(s => s.Failed);
                    var total = steps.Sum(s => s.Total);
                    actual = unit == "%" ? (total == 0 ? 0 : 100.0 * failed / total) : failed;
                    detail = $"{failed} failed of {total}";
                    break;
                case "rps" or "count":
                    var n = steps.Sum(s => s.Total);
                    actual = metric == "count" ? n : n / Math.Max(seconds, 1e-9);
                    detail = $"{n} operations in {seconds:0.0}s";
                    break;
                default:
                    var worst = steps.Select(s => (s.Name, Ms: Latency(s, metric))).OrderByDescending(x => x.Ms).FirstOrDefault();
                    actual = worst.Ms;
                    value = unit switch { "us" => value / 1000, "s" => value * 1000, _ => value };
                    detail = worst.Name is null ? "no samples" : $"worst step {worst.Name}: {worst.Ms:0.###} ms";
                    break;
            }

            var passed = m.Groups["op"].Value switch
            {
                "<" => actual < value,
                "<=" => actual <= value,
                ">" => actual > value,
                ">=" => actual >= value,
                _ => Math.Abs(actual - value) < 1e-9,
            };
            results.Add(new ThresholdResult(text, passed, actual, detail));
        }

        return results;
    }

    private static double Latency(StepStats s, string metric) => metric switch
    {
        "p50" => s.Percentile(50),
        "p90" => s.Percentile(90),
        "p99" => s.Percentile(99),
        "p99.9" => s.Percentile(99.9),
        "mean" => s.Latency.TotalCount == 0 ? 0 : s.Latency.GetMean() / 1000.0,
        _ => s.MaxMs,
    };
}
