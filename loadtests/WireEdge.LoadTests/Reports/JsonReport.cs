using HdrHistogram;
using System.Text;
using System.Text.Json;
using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Reports;

public static class JsonReport
{
    public static string Render(Report r)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("scenario", r.Options.Scenario);
            w.WriteString("profile", r.Options.Profile);
            w.WriteString("commit", r.Commit);
            w.WriteString("dotnet", r.DotNet);
            w.WriteNumber("cores", r.Cores);
            w.WriteString("os", r.Os);
            w.WriteString("started", r.Started);
            w.WriteString("finished", r.Finished);
            w.WriteString("configuration", r.Options.Describe());
            WriteOptions(w, r.Options);
            w.WriteNumber("peak_connections", r.Run.PeakConnections);
            w.WriteStartArray("notes");
            foreach (var note in r.Run.Notes)
            {
                w.WriteStringValue(note);
            }

            w.WriteEndArray();
            w.WriteStartArray("steps");
            foreach (var s in r.Run.Steps)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteNumber("ok", s.Ok);
                w.WriteNumber("failed", s.Failed);
                w.WriteNumber("bytes", s.Bytes);
                w.WriteNumber("p50_ms", s.Percentile(50));
                w.WriteNumber("p90_ms", s.Percentile(90));
                w.WriteNumber("p99_ms", s.Percentile(99));
                w.WriteNumber("p999_ms", s.Percentile(99.9));
                w.WriteNumber("max_ms", s.MaxMs);
                w.WriteString("histogram_us", HistogramCodec.Encode(s.Latency));
                w.WriteStartObject("codes");
                foreach (var (code, n) in s.Codes)
                {
                    w.WriteNumber(code, n);
                }

                w.WriteEndObject();
                w.WriteStartArray("timeline");
                foreach (var (second, b) in s.Timeline)
                {
                    w.WriteStartObject();
                    w.WriteNumber("second", second);
                    w.WriteNumber("count", b.Count);
                    w.WriteNumber("errors", b.Errors);
                    w.WriteNumber("p50_ms", b.Latency.GetValueAtPercentile(50) / 1000.0);
                    w.WriteNumber("p99_ms", b.Latency.GetValueAtPercentile(99) / 1000.0);
                    w.WriteString("histogram_us", HistogramCodec.Encode(b.Latency));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("open_connections");
            foreach (var (second, n) in r.Run.ConnectionGauge)
            {
                w.WriteNumber(second.ToString(System.Globalization.CultureInfo.InvariantCulture), n);
            }

            w.WriteEndObject();
            if (r.Oracle is { } o)
            {
                w.WriteStartObject("oracle");
                w.WriteNumber("acknowledged_pushes", o.AcknowledgedPushes);
                w.WriteNumber("expected_deliveries", o.ExpectedDeliveries);
                w.WriteNumber("delivered", o.Delivered);
                w.WriteNumber("missing", o.Missing);
                w.WriteNumber("duplicates", o.Duplicates);
                w.WriteNumber("out_of_order", o.OutOfOrder);
                w.WriteNumber("receipts", o.Receipts);
                w.WriteStartObject("receipts_by_source");
                foreach (var (source, n) in o.ReceiptsBySource)
                {
                    w.WriteNumber(source, n);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteStartArray("thresholds");
            foreach (var t in r.Thresholds)
            {
                w.WriteStartObject();
                w.WriteString("threshold", t.Text);
                w.WriteBoolean("passed", t.Passed);
                if (double.IsFinite(t.Actual))
                {
                    w.WriteNumber("actual", t.Actual);
                }

                w.WriteString("detail", t.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>The run's configuration as data, so that <c>merge</c> can rebuild it from worker reports.</summary>
    private static void WriteOptions(Utf8JsonWriter w, RunOptions o)
    {
        w.WriteStartObject("options");
        w.WriteString("target", o.Target.ToString());
        w.WriteString("internal", o.Internal.ToString());
        w.WriteString("model", o.Model);
        w.WriteNumber("users", o.Users);
        w.WriteNumber("rate", o.Rate);
        w.WriteNumber("ramp", o.RampSeconds);
        w.WriteNumber("warmup", o.WarmupSeconds);
        w.WriteNumber("duration", o.DurationSeconds);
        if (o.MaxIterations != long.MaxValue)
        {
            w.WriteNumber("max_iterations", o.MaxIterations);
        }

        w.WriteNumber("max_connections", o.MaxConnections);
        w.WriteNumber("max_in_flight", o.MaxInFlight);
        w.WriteNumber("worker", o.Worker);
        w.WriteNumber("workers", o.Workers);
        w.WriteStartArray("thresholds");
        foreach (var t in o.Thresholds)
        {
            w.WriteStringValue(t);
        }

        w.WriteEndArray();
        w.WriteStartObject("params");
        foreach (var (k, v) in o.Params)
        {
            w.WriteNumber(k, v);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
