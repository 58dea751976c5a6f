using System.Text;
using static WireEdge.LoadTests.Reports.Report;

namespace WireEdge.LoadTests.Reports;

public static class MarkdownReport
{
    public static string Render(Report r)
    {
        var sb = new StringBuilder();
        sb.Append("# wireedge-load: ").Append(r.Options.Scenario).Append(" (").Append(r.Options.Profile.Length == 0 ? "ad hoc" : r.Options.Profile).AppendLine(")");
        sb.AppendLine();
        sb.Append("- commit `").Append(r.Commit).Append("`, ").Append(r.DotNet).Append(", ").Append(r.Cores).Append(" cores, ").AppendLine(r.Os);
        sb.Append("- started ").Append(r.Started.ToString("u", System.Globalization.CultureInfo.InvariantCulture)).Append(", finished ").AppendLine(r.Finished.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        sb.Append("- configuration: `").Append(r.Options.Describe()).AppendLine("`");
        sb.Append("- peak open connections: ").AppendLine(N(r.Run.PeakConnections));
        foreach (var note in r.Run.Notes)
        {
            sb.Append("- ").AppendLine(note);
        }

        sb.AppendLine();
        sb.AppendLine("| step | ok | failed | rate/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | bytes | codes |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var s in r.Run.Steps)
        {
            sb.Append("| ").Append(s.Name).Append(" | ").Append(N(s.Ok)).Append(" | ").Append(N(s.Failed)).Append(" | ")
                .Append(Report.Rate(r, s)).Append(" | ")
                .Append(F(s.Percentile(50))).Append(" | ").Append(F(s.Percentile(90))).Append(" | ").Append(F(s.Percentile(99))).Append(" | ")
                .Append(F(s.Percentile(99.9))).Append(" | ").Append(F(s.MaxMs)).Append(" | ").Append(N(s.Bytes)).Append(" | ")
                .Append(string.Join(", ", s.Codes.Select(c => $"{c.Key}: {c.Value}"))).AppendLine(" |");
        }

        if (r.Oracle is { } o)
        {
            sb.AppendLine();
            sb.Append("Delivery oracle: ").Append(N(o.AcknowledgedPushes)).Append(" acknowledged pushes, ").Append(N(o.ExpectedDeliveries)).Append(" expected deliveries, ")
                .Append(N(o.Delivered)).Append(" delivered, **").Append(N(o.Missing)).Append(" missing**, ").Append(N(o.Duplicates)).Append(" duplicates, ")
                .Append(N(o.OutOfOrder)).Append(" out of order; receipts by source: ")
                .AppendLine(string.Join(", ", o.ReceiptsBySource.Select(kv => $"{kv.Key} {kv.Value}")));
        }

        if (r.Thresholds.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("| threshold | result | actual | detail |");
            sb.AppendLine("|---|---|---:|---|");
            foreach (var t in r.Thresholds)
            {
                sb.Append("| `").Append(t.Text).Append("` | ").Append(t.Passed ? "pass" : "**FAIL**").Append(" | ").Append(F(t.Actual)).Append(" | ").Append(t.Detail).AppendLine(" |");
            }

            sb.AppendLine();
            sb.Append(r.Thresholds.Count(t => t.Passed)).Append(" passed, ").Append(r.Thresholds.Count(t => !t.Passed)).AppendLine(" failed");
        }

        return sb.ToString();
    }
}
