using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace WireEdge.Benchmarks.AllocGate;

/// <summary>
/// Allocation gate (<c>--alloc-check baseline.json</c>, <c>--alloc-record baseline.json</c>): runs the hot-path
/// benchmark classes named in the baseline in-process with a short fixed job and the memory diagnoser, and compares
/// allocated bytes per operation with the recorded baseline. Fails when a path recorded at 0 B/op allocates at all,
/// (at least <see cref="NoiseBytes"/> per operation), when a path allocates more than baseline +
/// max(tolerance_percent, tolerance_bytes), or when a recorded case is
/// missing or a case has no baseline. Allocation counts do not depend on machine speed, so this is stable on a
/// loaded CI machine (unlike timings, which are printed but never checked).
/// </summary>
public static class AllocationGate
{
    /// <summary>Below this many bytes per operation a case counts as not allocating: the smallest object is 24 bytes,
    /// so an allocation on every operation measures at least that, while the diagnoser counts the whole process and
    /// sees a few bytes per operation of background noise (tiered JIT, timers) on an otherwise allocation-free path.</summary>
    public const long NoiseBytes = 16;

    public static int Run(string baselinePath, bool record, IReadOnlyList<string> classes)
    {
        var baseline = File.Exists(baselinePath) ? JsonNode.Parse(File.ReadAllText(baselinePath))!.AsObject() : null;
        var names = classes.Count > 0 ? classes
            : baseline?["classes"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        if (names.Count == 0)
        {
            Console.Error.WriteLine($"alloc-gate: no benchmark classes (none given and none in {baselinePath})");
            return 2;
        }

        var types = new List<Type>();
        foreach (var name in names)
        {
            var t = typeof(AllocationGate).Assembly.GetTypes().FirstOrDefault(x => x.Name == name);
            if (t is null)
            {
                Console.Error.WriteLine($"alloc-gate: no benchmark class '{name}'");
                return 2;
            }

            types.Add(t);
        }

        var measured = Measure(types);
        if (record)
        {
            Write(baselinePath, names, measured, baseline);
            Console.WriteLine($"alloc-gate: recorded {measured.Count} cases in {baselinePath}");
            return 0;
        }

        if (baseline is null)
        {
            Console.Error.WriteLine($"alloc-gate: no baseline at {baselinePath} (record one with --alloc-record)");
            return 2;
        }

        return Compare(baseline, measured);
    }

    private static SortedDictionary<string, (long Bytes, double Ns)> Measure(List<Type> types)
    {
        // Fixed invocation counts: no pilot stage, about a second per case; in-process: no project generation.
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(1)
            .WithIterationCount(3).WithInvocationCount(2048).WithUnrollFactor(16).WithId("alloc-gate");
        var config = ManualConfig.CreateEmpty().AddJob(job).AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(new ConsoleLogger()).AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "wireedge-alloc-gate")).WithOptions(ConfigOptions.DisableLogFile);
        var result = new SortedDictionary<string, (long, double)>(StringComparer.Ordinal);
        foreach (var summary in BenchmarkRunner.Run([.. types], config))
        {
            foreach (var report in summary.Reports)
            {
                var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
                if (!report.Success || bytes is null)
                {
                    result[Key(report)] = (-1, double.NaN);
                    continue;
                }

                result[Key(report)] = (bytes.Value, report.ResultStatistics?.Mean ?? double.NaN);
            }
        }

        return result;
    }

    private static string Key(BenchmarkReport report)
    {
        var c = report.BenchmarkCase;
        var key = c.Descriptor.Type.Name + "." + c.Descriptor.WorkloadMethod.Name;
        var p = string.Join(",", c.Parameters.Items.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Name}={i.Value}")));
        return p.Length == 0 ? key : $"{key}({p})";
    }

    private static int Compare(JsonObject baseline, SortedDictionary<string, (long Bytes, double Ns)> measured)
    {
        var tolerancePercent = baseline["tolerance_percent"]?.GetValue<double>() ?? 10;
        var toleranceBytes = baseline["tolerance_bytes"]?.GetValue<long>() ?? 32;
        var recorded = baseline["bytes_per_op"]!.AsObject();
        int passed = 0, failed = 0;
        Console.WriteLine();
        Console.WriteLine($"alloc-gate: bytes allocated per operation vs {recorded.Count} recorded (tolerance max({tolerancePercent}%, {toleranceBytes} B); 0 B stays 0 B)");
        foreach (var (key, (bytes, ns)) in measured)
        {
            string verdict;
            if (bytes < 0)
            {
                verdict = "FAIL (benchmark failed)";
            }
            else if (recorded[key] is not { } node)
            {
                verdict = "FAIL (no baseline; record with bench/check-alloc.sh --record)";
            }
            else
            {
                var b = node.GetValue<long>();
                var limit = b == 0 ? NoiseBytes - 1 : b + Math.Max((long)Math.Ceiling(b * tolerancePercent / 100), toleranceBytes);
                verdict = bytes <= limit ? $"pass (baseline {b} B, limit {limit} B)"
                    : b == 0 ? "FAIL (zero-allocation path now allocates)" : $"FAIL (baseline {b} B, limit {limit} B)";
            }

            var ok = verdict.StartsWith("pass", StringComparison.Ordinal);
            passed += ok ? 1 : 0;
            failed += ok ? 0 : 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(ok ? "PASS" : "FAIL")} {key}: {bytes} B/op, {ns:0.#} ns/op; {verdict}"));
        }

        foreach (var (key, _) in recorded)
        {
            if (!measured.ContainsKey(key))
            {
                failed++;
                Console.WriteLine($"FAIL {key}: recorded in the baseline but not measured (renamed or removed? record again)");
            }
        }

        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static void Write(string path, IReadOnlyList<string> classes, SortedDictionary<string, (long Bytes, double Ns)> measured, JsonObject? previous)
    {
        var bytes = new JsonObject();
        foreach (var (key, (b, _)) in measured)
        {
            bytes[key] = b < NoiseBytes ? 0 : b;
        }

        var root = new JsonObject
        {
            ["description"] = "Allocated bytes per operation of the hot-path benchmarks (bench/check-alloc.sh). Record again with bench/check-alloc.sh --record after an intended change.",
            ["tolerance_percent"] = previous?["tolerance_percent"]?.GetValue<double>() ?? 10,
            ["tolerance_bytes"] = previous?["tolerance_bytes"]?.GetValue<long>() ?? 32,
            ["classes"] = new JsonArray([.. classes.Select(c => (JsonNode)JsonValue.Create(c))]),
            ["bytes_per_op"] = bytes,
        };
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
