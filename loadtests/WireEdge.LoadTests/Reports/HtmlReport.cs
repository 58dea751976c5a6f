using HdrHistogram;
using System.Globalization;
using System.Net;
using System.Text;
using static WireEdge.LoadTests.Reports.Report;

namespace WireEdge.LoadTests.Reports;

/// <summary>Self-contained HTML: the Markdown tables as HTML plus inline SVG charts (rate, latency, open connections over time).</summary>
public static class HtmlReport
{
    private sealed record Series(string Name, string Color, List<(double X, double Y)> Points);

    public static string Render(Report r)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>wireedge-load ").Append(E(r.BaseName)).Append("</title><style>")
            .Append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
            .Append("td:first-child,th:first-child{text-align:left}.fail{color:#b00;font-weight:bold}.pass{color:#070}svg{background:#fafafa;border:1px solid #ddd;margin:6px 12px 6px 0}")
            .Append("code{background:#f3f3f3;padding:1px 4px}.charts{display:flex;flex-wrap:wrap}</style></head><body>");
        sb.Append("<h1>").Append(E(r.Options.Scenario)).Append(" <small>(").Append(E(r.Options.Profile.Length == 0 ? "ad hoc" : r.Options.Profile)).Append(")</small></h1>");
        sb.Append("<p>commit <code>").Append(E(r.Commit)).Append("</code> · ").Append(E(r.DotNet)).Append(" · ").Append(r.Cores).Append(" cores · ").Append(E(r.Os))
            .Append("<br>").Append(E(r.Started.ToString("u", CultureInfo.InvariantCulture))).Append(" → ").Append(E(r.Finished.ToString("u", CultureInfo.InvariantCulture)))
            .Append(" · peak open connections ").Append(r.Run.PeakConnections).Append("<br><code>").Append(E(r.Options.Describe())).Append("</code></p>");
        foreach (var note in r.Run.Notes)
        {
            sb.Append("<p>").Append(E(note)).Append("</p>");
        }

        if (r.Thresholds.Count > 0)
        {
            var passed = r.Thresholds.Count(t => t.Passed);
            sb.Append("<h2 class=\"").Append(passed == r.Thresholds.Count ? "pass" : "fail").Append("\">").Append(passed).Append(" passed, ").Append(r.Thresholds.Count - passed).Append(" failed</h2>");
            sb.Append("<table><tr><th>threshold</th><th>result</th><th>actual</th><th>detail</th></tr>");
            foreach (var t in r.Thresholds)
            {
                sb.Append("<tr><td><code>").Append(E(t.Text)).Append("</code></td><td class=\"").Append(t.Passed ? "pass\">pass" : "fail\">FAIL").Append("</td><td>")
                    .Append(F(t.Actual)).Append("</td><td>").Append(E(t.Detail)).Append("</td></tr>");
            }

            sb.Append("</table>");
        }

        sb.Append("<h2>Steps</h2><table><tr><th>step</th><th>ok</th><th>failed</th><th>rate/s</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>bytes</th><th>codes</th></tr>");
        foreach (var s in r.Run.Steps)
        {
            sb.Append("<tr><td>").Append(E(s.Name)).Append("</td><td>").Append(N(s.Ok)).Append("</td><td>").Append(N(s.Failed)).Append("</td><td>").Append(Report.Rate(r, s))
                .Append("</td><td>").Append(F(s.Percentile(50))).Append("</td><td>").Append(F(s.Percentile(90))).Append("</td><td>").Append(F(s.Percentile(99)))
                .Append("</td><td>").Append(F(s.Percentile(99.9))).Append("</td><td>").Append(F(s.MaxMs)).Append("</td><td>").Append(N(s.Bytes))
                .Append("</td><td>").Append(E(string.Join(", ", s.Codes.Select(c => $"{c.Key}: {c.Value}")))).Append("</td></tr>");
        }

        sb.Append("</table>");
        if (r.Oracle is { } o)
        {
            sb.Append("<h2>Delivery oracle</h2><p class=\"").Append(o.Missing == 0 ? "pass" : "fail").Append("\">").Append(N(o.AcknowledgedPushes)).Append(" acknowledged pushes, ")
                .Append(N(o.ExpectedDeliveries)).Append(" expected deliveries, ").Append(N(o.Delivered)).Append(" delivered, ").Append(N(o.Missing)).Append(" missing, ")
                .Append(N(o.Duplicates)).Append(" duplicates, ").Append(N(o.OutOfOrder)).Append(" out of order · receipts by source: ")
                .Append(E(string.Join(", ", o.ReceiptsBySource.Select(kv => $"{kv.Key} {kv.Value}")))).Append("</p>");
        }

        sb.Append("<h2>Over time</h2>");
        if (r.Run.ConnectionGauge.Count > 0 && r.Run.PeakConnections > 0)
        {
            sb.Append("<div class=\"charts\">").Append(Chart("open connections", "", [new Series("open", "#555", r.Run.ConnectionGauge.Select(kv => ((double)kv.Key, (double)kv.Value)).ToList())])).Append("</div>");
        }

        foreach (var s in r.Run.Steps.Where(x => !x.Name.StartsWith("setup:", StringComparison.Ordinal)))
        {
            var rate = new Series("ok/s", "#2a7", s.Timeline.Select(kv => ((double)kv.Key, (double)(kv.Value.Count - kv.Value.Errors))).ToList());
            var errors = new Series("errors/s", "#c33", s.Timeline.Select(kv => ((double)kv.Key, (double)kv.Value.Errors)).ToList());
            var p50 = new Series("p50", "#37c", s.Timeline.Select(kv => ((double)kv.Key, kv.Value.Latency.GetValueAtPercentile(50) / 1000.0)).ToList());
            var p99 = new Series("p99", "#e80", s.Timeline.Select(kv => ((double)kv.Key, kv.Value.Latency.GetValueAtPercentile(99) / 1000.0)).ToList());
            var max = new Series("max", "#a3a", s.Timeline.Select(kv => ((double)kv.Key, kv.Value.Latency.GetMaxValue() / 1000.0)).ToList());
            sb.Append("<h3>").Append(E(s.Name)).Append("</h3><div class=\"charts\">").Append(Chart("rate", "/s", [rate, errors])).Append(Chart("latency", " ms", [max, p99, p50])).Append("</div>");
        }

        sb.Append("</body></html>");
        return sb.ToString();
    }

    private static string Chart(string title, string unit, List<Series> series)
    {
        const double W = 540, H = 220, L = 76, R = 12, T = 28, B = 30; // L fits labels such as "19660 ms"
        var all = series.SelectMany(s => s.Points).ToList();
        var maxX = Math.Max(1, all.Count == 0 ? 1 : all.Max(p => p.X));
        var maxY = all.Count == 0 ? 1 : Math.Max(all.Max(p => p.Y), 1e-3) * 1.1;
        double X(double x) => L + ((W - L - R) * x / maxX);
        double Y(double y) => H - B - ((H - T - B) * y / maxY);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{L}\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{E(title)}</text>");
        for (var i = 0; i <= 4; i++)
        {
            var v = maxY * i / 4;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{L}\" x2=\"{W - R}\" y1=\"{Y(v):0.#}\" y2=\"{Y(v):0.#}\" stroke=\"#e3e3e3\"/><text x=\"{L - 4}\" y=\"{Y(v) + 4:0.#}\" font-size=\"10\" text-anchor=\"end\">{(v >= 100 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture))}{E(unit)}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{W - R}\" y=\"{H - 8}\" font-size=\"10\" text-anchor=\"end\">{maxX:0} s</text><text x=\"{L}\" y=\"{H - 8}\" font-size=\"10\">0 s</text>");
        var legendX = W - R - (70.0 * series.Count);
        foreach (var s in series)
        {
            var pts = string.Join(' ', s.Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.X):0.#},{Y(p.Y):0.#}")));
            var dash = s.Name == "max" ? " stroke-dasharray=\"4 3\"" : "";
            sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"1.6\"{dash} points=\"{pts}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"8\" width=\"10\" height=\"10\" fill=\"{s.Color}\"/><text x=\"{legendX + 14}\" y=\"17\" font-size=\"11\">{E(s.Name)}</text>");
            legendX += 70;
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
