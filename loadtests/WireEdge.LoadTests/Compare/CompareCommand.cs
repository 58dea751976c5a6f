using System.Globalization;

namespace WireEdge.LoadTests.Compare;

/// <summary>Options of <c>wireedge-load compare NAME --key value ...</c> (every key has a default).</summary>
public sealed class CompareOptions(Dictionary<string, string> values)
{
    public string Get(string key, string fallback) => values.GetValueOrDefault(key) ?? fallback;

    public int Int(string key, int fallback) => values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string key, double fallback) => values.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public IEnumerable<KeyValuePair<string, string>> Given => values;

    /// <summary>Built WireEdge host (WireEdge.dll).</summary>
    public string HostDll => Get("host", Environment.GetEnvironmentVariable("WIREEDGE_DLL") ?? "/tmp/art-compare/bin/WireEdge.Host/release/WireEdge.dll");

    /// <summary>Scratch directory: keys, tokens, peer configs, logs.</summary>
    public string Work => Get("work", "/tmp/wireedge-compare");

    /// <summary>The repository's <c>loadtests/compare</c> folder (node peers, token generator).</summary>
    public string CompareDir => Get("compare-dir", FindCompareDir());

    public string OutDir => Get("out", "loadtests/results");

    public int Rounds => Int("rounds", 3);

    public string LogDir(string name) => Path.Combine(Work, "logs", $"{name}-{DateTimeOffset.UtcNow:yyyyMMddTHHmmss}");

    private static string FindCompareDir()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "loadtests", "compare");
                if (Directory.Exists(Path.Combine(candidate, "node")))
                {
                    return candidate;
                }
            }
        }

        return "loadtests/compare";
    }
}

/// <summary><c>wireedge-load compare edge|idle|fanout|presence [--key value ...]</c>: side-by-side runs against a peer.</summary>
public static class CompareCommand
{
    public static readonly string[] Names = ["edge", "idle", "fanout", "presence"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !Names.Contains(args[0]) || args.Length % 2 == 0)
        {
            await Console.Error.WriteLineAsync($"usage: wireedge-load compare {string.Join('|', Names)} [--key value ...] (see loadtests/README.md)").ConfigureAwait(false);
            return 2;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                await Console.Error.WriteLineAsync($"expected --key, got '{args[i]}'").ConfigureAwait(false);
                return 2;
            }

            values[args[i][2..]] = args[i + 1];
        }

        var o = new CompareOptions(values);
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };

        var report = args[0] switch
        {
            "edge" => new ComparisonReport("edge", "edge throughput: WireEdge edge (zauth + forwarding) vs nginx proxy_pass"),
            "idle" => new ComparisonReport("idle", "idle sockets per GiB: cannon /await vs Node ws"),
            "fanout" => new ComparisonReport("fanout", "push fan-out latency: WireEdge vs Pushpin vs raw Kestrel floor"),
            _ => new ComparisonReport("presence", "presence store: embedded Garnet vs redis-server"),
        };
        foreach (var (k, v) in o.Given)
        {
            report.Settings["--" + k] = v;
        }

        try
        {
            switch (args[0])
            {
                case "edge":
                    await EdgeComparison.RunAsync(o, report, cts.Token).ConfigureAwait(false);
                    break;
                case "idle":
                    await IdleComparison.RunAsync(o, report, cts.Token).ConfigureAwait(false);
                    break;
                case "fanout":
                    await FanoutComparison.RunAsync(o, report, cts.Token).ConfigureAwait(false);
                    break;
                default:
                    await PresenceComparison.RunAsync(o, report, cts.Token).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or HttpRequestException)
        {
            report.Notes.Add($"aborted: {e.GetType().Name}: {e.Message}");
            await Console.Error.WriteLineAsync($"comparison aborted: {e.Message}").ConfigureAwait(false);
            foreach (var f in report.Write(o.OutDir))
            {
                Console.WriteLine($"report: {f}");
            }

            return 2;
        }

        foreach (var f in report.Write(o.OutDir))
        {
            Console.WriteLine($"report: {f}");
        }

        Console.WriteLine(report.Markdown());
        return 0;
    }

    /// <summary>Reads <c>token client user</c> lines written by <c>loadtests/cannon/make-tokens.mjs</c>, creating them (and the key pair) if missing.</summary>
    public static async Task<List<(string Token, string Client, string User)>> TargetsAsync(CompareOptions o, int count, CancellationToken ct)
    {
        var dir = Path.Combine(o.Work, "tokens");
        var file = Path.Combine(dir, "targets.txt");
        if (!File.Exists(file) || File.ReadLines(file).Count() < count)
        {
            var script = Path.GetFullPath(Path.Combine(o.CompareDir, "..", "cannon", "make-tokens.mjs"));
            await using var gen = PeerProcess.Start("make-tokens", $"exec node '{script}' '{dir}' {Math.Max(count, 20_000)} 86400", o.LogDir("tokens"));
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!gen.Exited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
        }

        var list = File.ReadLines(file).Select(l => l.Split(' ')).Where(p => p.Length >= 3).Select(p => (p[0], p[1], p[2])).Take(count).ToList();
        return list.Count >= count ? list : throw new InvalidOperationException($"only {list.Count} tokens in {file}, need {count}");
    }

    public static string Keys(CompareOptions o) =>
        $"--Zauth:PrivateKeys={Path.Combine(o.Work, "tokens", "secret.keys")} --Zauth:PublicKeys={Path.Combine(o.Work, "tokens", "public.keys")}";

    public static string I(double v) => v.ToString(CultureInfo.InvariantCulture);
}
