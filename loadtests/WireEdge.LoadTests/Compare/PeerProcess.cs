using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WireEdge.LoadTests.Compare;

/// <summary>
/// A server process started by a comparison (the system under test or its peer). Started under
/// <c>setsid timeout</c> so it has its own process group and can never outlive its time bound; stopped
/// by process id (the whole tree of descendants, newest first: TERM, then KILL after 5 s). Nothing is
/// ever stopped by name. Also reads the tree's resident memory and CPU time from /proc.
/// </summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private PeerProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        this.process = process;
        this.log = log;
    }

    public string Name { get; }
    public int Pid => process.Id;
    public bool Exited => process.HasExited;

    /// <summary>Starts <paramref name="command"/> (run by bash) with extra environment; output goes to <c>logDir/name.log</c>.</summary>
    public static PeerProcess Start(string name, string command, string logDir, IReadOnlyDictionary<string, string>? env = null, int maxLifetimeSeconds = 7200)
    {
        Directory.CreateDirectory(logDir);
        var psi = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "timeout", "-k", "5", maxLifetimeSeconds.ToString(CultureInfo.InvariantCulture), "bash", "-c", command })
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        var writer = new StreamWriter(Path.Combine(logDir, name + ".log"), append: true) { AutoFlush = true };
        writer.WriteLine($"# {DateTimeOffset.UtcNow:O} {command}");
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {name}");
        var peer = new PeerProcess(name, p, writer);
        p.OutputDataReceived += (_, e) => peer.Log(e.Data);
        p.ErrorDataReceived += (_, e) => peer.Log(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return peer;
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    /// <summary>Waits until a TCP connect to 127.0.0.1:<paramref name="port"/> succeeds (at most <paramref name="timeout"/>).</summary>
    public async Task WaitForPortAsync(int port, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before listening on {port} (see its log)");
            }

            using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await s.ConnectAsync(IPAddress.Loopback, port, ct).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"{Name} did not listen on {port} within {timeout.TotalSeconds} s");
    }

    /// <summary>All live process ids of the tree (the started process and its descendants).</summary>
    public List<int> Tree()
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            var stat = ReadStat(pid);
            if (stat is not null && int.TryParse(stat[1], out var ppid))
            {
                if (!children.TryGetValue(ppid, out var list))
                {
                    children[ppid] = list = [];
                }

                list.Add(pid);
            }
        }

        var result = new List<int>();
        var queue = new Queue<int>();
        queue.Enqueue(process.Id);
        while (queue.Count > 0)
        {
            var p = queue.Dequeue();
            result.Add(p);
            foreach (var c in children.GetValueOrDefault(p) ?? [])
            {
                queue.Enqueue(c);
            }
        }

        return result;
    }

    /// <summary>Resident memory of the whole tree in bytes (VmRSS summed).</summary>
    public long RssBytes()
    {
        long total = 0;
        foreach (var pid in Tree())
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                    }
                }
            }
            catch (IOException)
            {
                // the process ended between listing and reading
            }
        }

        return total;
    }

    /// <summary>CPU time (user + system) of the whole tree in seconds.</summary>
    public double CpuSeconds()
    {
        long ticks = 0;
        foreach (var pid in Tree())
        {
            var stat = ReadStat(pid);
            if (stat is not null)
            {
                ticks += long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture);
            }
        }

        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /// <summary>Fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime.</summary>
    private static string[]? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            return close < 0 ? null : text[(close + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var tree = Tree();
        tree.Reverse();
        foreach (var pid in tree)
        {
            Signal(pid, "TERM");
        }

        var deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && tree.Any(p => File.Exists($"/proc/{p}/stat") && ReadStat(p) is { } s && s[0] != "Z"))
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        foreach (var pid in tree)
        {
            if (ReadStat(pid) is { } s && s[0] != "Z")
            {
                Signal(pid, "KILL");
            }
        }

        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // timeout still holds the group; it ends within its own bound
            }
        }

        process.Dispose();
        await log.DisposeAsync().ConfigureAwait(false);
    }

    private static void Signal(int pid, string signal)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false, RedirectStandardError = true });
            kill?.WaitForExit(2000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no kill binary: nothing else to do
        }
    }

    /// <summary>A free TCP port outside the ephemeral range (10000–31999), so client sockets never take it first.</summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(10_000, 32_000);
            try
            {
                using var l = new TcpListener(IPAddress.Loopback, port);
                l.Start();
                l.Stop();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("no free port in 10000-31999");
    }
}
