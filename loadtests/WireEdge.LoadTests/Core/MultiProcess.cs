using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WireEdge.LoadTests.Core;

/// <summary>
/// <c>--processes N</c>: runs one scenario in N runner processes (each under the per-process descriptor bound),
/// started as <c>--worker i/N</c> children of this one. Every child does its own setup, prints
/// <see cref="Runner.ReadyLine"/> and waits; once all are ready they are released together, so the measured windows
/// coincide. Against an IPv4 loopback target child i binds its sockets to 127.0.0.(i+1), so each child has its own
/// ephemeral-port range (one source address gives about 28,000 ports towards one target port).
/// Returns the children's JSON reports, or null (with a message) when a child failed.
/// </summary>
public static class MultiProcess
{
    /// <summary>Runs the workers, merges their reports, writes and prints the merged report; the exit code is that of
    /// the merged thresholds, or 2 when a worker failed.</summary>
    public static async Task<int> RunAndMergeAsync(RunOptions o, IReadOnlyList<string> args, int count, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        Console.WriteLine($"wireedge-load: {count} worker processes: {o.Describe()}");
        var reports = await RunWorkersAsync(o, args, count, ct).ConfigureAwait(false);
        if (reports is null)
        {
            return 2;
        }

        return Reports.ResultOutput.WriteAndPrint(Reports.ReportMerge.Merge(reports, o.Thresholds, o.OutDir));
    }

    public static async Task<List<string>?> RunWorkersAsync(RunOptions o, IReadOnlyList<string> args, int count, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        var dir = Path.Combine(o.OutDir, string.Create(CultureInfo.InvariantCulture, $"workers-{o.Scenario}-{DateTime.UtcNow:yyyyMMddTHHmmssZ}"));
        var loopbackV4 = IPAddress.TryParse(o.Target.Host, out var ip) ? ip.AddressFamily == AddressFamily.InterNetwork && IPAddress.IsLoopback(ip) : o.Target.IsLoopback;
        var children = new List<Child>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var childArgs = ChildArgs(args, i, count, Path.Combine(dir, "w" + i.ToString(CultureInfo.InvariantCulture)),
                    loopbackV4 && o.SourceAddress is null ? string.Create(CultureInfo.InvariantCulture, $"127.0.0.{i + 1}") : null);
                children.Add(Child.Start(i, childArgs));
            }

            var allReady = Task.WhenAll(children.Select(c => c.Ready.Task));
            var anyExit = Task.WhenAny(children.Select(c => c.Exited));
            var setupBound = TimeSpan.FromSeconds(600);
            var first = await Task.WhenAny(allReady, anyExit, Task.Delay(setupBound, ct)).ConfigureAwait(false);
            if (first != allReady)
            {
                await Console.Error.WriteLineAsync(first == anyExit
                    ? "a worker exited before the load started (setup failed); stopping the others"
                    : $"workers not ready after {setupBound.TotalSeconds} s; stopping them").ConfigureAwait(false);
                return null;
            }

            foreach (var c in children)
            {
                await c.Process.StandardInput.WriteLineAsync("go").ConfigureAwait(false);
                await c.Process.StandardInput.FlushAsync(ct).ConfigureAwait(false);
            }

            var runBound = TimeSpan.FromSeconds(o.WarmupSeconds + o.DurationSeconds + 300);
            var all = Task.WhenAll(children.Select(c => c.Exited));
            if (await Task.WhenAny(all, Task.Delay(runBound, ct)).ConfigureAwait(false) != all)
            {
                await Console.Error.WriteLineAsync($"workers still running {runBound.TotalSeconds} s after the start; stopping them").ConfigureAwait(false);
                return null;
            }

            var reports = new List<string>();
            foreach (var c in children)
            {
                var json = Directory.Exists(c.OutDir) ? Directory.GetFiles(c.OutDir, "*.json") : [];
                if (c.Process.ExitCode != 0 || json.Length != 1)
                {
                    await Console.Error.WriteLineAsync($"worker {c.Index} exited with {c.Process.ExitCode} and wrote {json.Length} JSON reports").ConfigureAwait(false);
                    return null;
                }

                reports.Add(json[0]);
            }

            return reports;
        }
        finally
        {
            foreach (var c in children)
            {
                c.Stop();
            }
        }
    }

    /// <summary>The parent's arguments without <c>--processes</c> and <c>--out</c>, plus the worker's own.</summary>
    public static List<string> ChildArgs(IReadOnlyList<string> args, int index, int count, string outDir, string? sourceAddress)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a is "--processes" or "--out" or "--worker" or "--source-address")
            {
                i++;
                continue;
            }

            if (a.StartsWith("--processes=", StringComparison.Ordinal) || a.StartsWith("--out=", StringComparison.Ordinal)
                || a.StartsWith("--worker=", StringComparison.Ordinal) || a.StartsWith("--source-address=", StringComparison.Ordinal)
                || a is "--barrier" or "--no-progress")
            {
                continue;
            }

            result.Add(a);
        }

        result.AddRange(["--worker", string.Create(CultureInfo.InvariantCulture, $"{index}/{count}"), "--out", outDir, "--barrier", "--no-progress"]);
        if (sourceAddress is not null)
        {
            result.AddRange(["--source-address", sourceAddress]);
        }

        return result;
    }

    private sealed class Child
    {
        private Child(int index, Process process, string outDir)
        {
            Index = index;
            Process = process;
            OutDir = outDir;
        }

        public int Index { get; }
        public Process Process { get; }
        public string OutDir { get; }
        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Exited { get; private set; } = Task.CompletedTask;

        public static Child Start(int index, List<string> args)
        {
            var psi = new ProcessStartInfo
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            // `dotnet wireedge-load.dll ...` or the apphost `wireedge-load ...`: start the child the same way.
            var self = Environment.ProcessPath ?? "dotnet";
            psi.FileName = self;
            if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                psi.ArgumentList.Add(typeof(MultiProcess).Assembly.Location);
            }

            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            var outDir = args[args.IndexOf("--out") + 1];
            var p = new Process { StartInfo = psi };
            var child = new Child(index, p, outDir);
            var prefix = string.Create(CultureInfo.InvariantCulture, $"[w{index}] ");
            p.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                if (e.Data == Runner.ReadyLine)
                {
                    child.Ready.TrySetResult();
                }

                Console.WriteLine(prefix + e.Data);
            };
            p.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    Console.Error.WriteLine(prefix + e.Data);
                }
            };
            p.Start();
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            child.Exited = p.WaitForExitAsync();
            return child;
        }

        public void Stop()
        {
            try
            {
                if (!Process.HasExited)
                {
                    Process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
            }

            Process.Dispose();
        }
    }
}
