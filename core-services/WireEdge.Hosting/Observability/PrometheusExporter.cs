using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace WireEdge.Hosting.Observability;

/// <summary>
/// Collects every instrument of meters named <c>WireEdge*</c> and renders them in the Prometheus
/// text format for <c>GET /i/metrics</c>. Counters are summed per tag set; histograms get fixed
/// buckets (the unit is the instrument's own); observable instruments are sampled at scrape time.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] Buckets = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<(Instrument Instrument, string Tags), Series> series = new();

    public PrometheusExporter()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name.StartsWith("WireEdge", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
    }

    public string Render()
    {
        listener.RecordObservableInstruments();
        var sb = new StringBuilder();
        foreach (var group in series.GroupBy(kv => kv.Key.Instrument).OrderBy(g => g.Key.Meter.Name + g.Key.Name, StringComparer.Ordinal))
        {
            var instrument = group.Key;
            var name = MetricName(instrument);
            var type = instrument switch
            {
                Histogram<double> or Histogram<long> or Histogram<int> => "histogram",
                Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<double> => "counter",
                _ => "gauge",
            };
            if (!string.IsNullOrEmpty(instrument.Description))
            {
                sb.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description.Replace('\n', ' ')).Append('\n');
            }

            sb.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (var (key, s) in group.OrderBy(kv => kv.Key.Tags, StringComparer.Ordinal))
            {
                s.Render(sb, name, key.Tags, type);
            }
        }

        return sb.ToString();
    }

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = (instrument, RenderTags(tags));
        var s = series.GetOrAdd(key, static k => new Series(k.Instrument is Histogram<double> or Histogram<long> or Histogram<int>, k.Instrument.IsObservable || k.Instrument.GetType().Name.StartsWith("Gauge", StringComparison.Ordinal)));
        s.Add(value);
    }

    private static string MetricName(Instrument instrument)
    {
        var raw = instrument.Name;
        if (!string.IsNullOrEmpty(instrument.Unit) && !raw.EndsWith(instrument.Unit, StringComparison.Ordinal))
        {
            raw += "_" + instrument.Unit;
        }

        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return sb.ToString();
    }

    private static string RenderTags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var parts = new List<string>(tags.Length);
        foreach (var t in tags)
        {
            var k = new string([.. t.Key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
            var v = Convert.ToString(t.Value, CultureInfo.InvariantCulture)?.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) ?? string.Empty;
            parts.Add($"{k}=\"{v}\"");
        }

        parts.Sort(StringComparer.Ordinal);
        return string.Join(',', parts);
    }

    private sealed class Series(bool histogram, bool gauge)
    {
        private readonly long[] counts = histogram ? new long[Buckets.Length + 1] : [];
        private readonly Lock gate = new();
        private double sum;
        private long count;
        private double last;

        public void Add(double v)
        {
            lock (gate)
            {
                sum += v;
                count++;
                last = v;
                if (histogram)
                {
                    var i = 0;
                    while (i < Buckets.Length && v > Buckets[i])
                    {
                        i++;
                    }

                    counts[i]++;
                }
            }
        }

        public void Render(StringBuilder sb, string name, string tags, string type)
        {
            lock (gate)
            {
                if (type == "histogram")
                {
                    long cumulative = 0;
                    for (var i = 0; i < Buckets.Length; i++)
                    {
                        cumulative += counts[i];
                        Line(sb, name + "_bucket", Join(tags, $"le=\"{Buckets[i].ToString(CultureInfo.InvariantCulture)}\""), cumulative);
                    }

                    Line(sb, name + "_bucket", Join(tags, "le=\"+Inf\""), count);
                    Line(sb, name + "_sum", tags, sum);
                    Line(sb, name + "_count", tags, count);
                }
                else
                {
                    Line(sb, name, tags, gauge ? last : sum);
                }
            }
        }

        private static string Join(string a, string b) => a.Length == 0 ? b : a + "," + b;

        private static void Line(StringBuilder sb, string name, string tags, double value)
        {
            sb.Append(name);
            if (tags.Length > 0)
            {
                sb.Append('{').Append(tags).Append('}');
            }

            sb.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
