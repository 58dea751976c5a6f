using HdrHistogram;
using System.Text;
using static WireEdge.LoadTests.Reports.Report;

namespace WireEdge.LoadTests.Reports;

/// <summary>CSV: one summary row per step (second = "all"), then one row per step and second of the timeline.</summary>
public static class CsvReport
{
    public static string Render(Report r)
    {
        var sb = new StringBuilder();
        sb.Append("# commit=").Append(r.Commit).Append(" dotnet=").Append(r.DotNet).Append(" cores=").Append(r.Cores).Append(' ').AppendLine(r.Options.Describe().Replace(',', ';'));
        sb.AppendLine("step,second,ok,failed,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,bytes,open_connections");
        foreach (var s in r.Run.Steps)
        {
            sb.Append(s.Name).Append(",all,").Append(N(s.Ok)).Append(',').Append(N(s.Failed)).Append(',').Append(F(s.Percentile(50))).Append(',')
                .Append(F(s.Percentile(90))).Append(',').Append(F(s.Percentile(99))).Append(',').Append(F(s.Percentile(99.9))).Append(',')
                .Append(F(s.MaxMs)).Append(',').Append(N(s.Bytes)).AppendLine(",");
        }

        foreach (var s in r.Run.Steps)
        {
            foreach (var (second, b) in s.Timeline)
            {
                var h = b.Latency;
                sb.Append(s.Name).Append(',').Append(second).Append(',').Append(N(b.Count - b.Errors)).Append(',').Append(N(b.Errors)).Append(',')
                    .Append(F(h.GetValueAtPercentile(50) / 1000.0)).Append(',').Append(F(h.GetValueAtPercentile(90) / 1000.0)).Append(',')
                    .Append(F(h.GetValueAtPercentile(99) / 1000.0)).Append(',').Append(F(h.GetValueAtPercentile(99.9) / 1000.0)).Append(',')
                    .Append(F(h.GetMaxValue() / 1000.0)).Append(",,").AppendLine(r.Run.ConnectionGauge.TryGetValue(second, out var g) ? N(g) : "");
            }
        }

        return sb.ToString();
    }
}
