using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WireEdge.Cargohold.Tests.Assets;

/// <summary>
/// A real S3-speaking server (npm <c>s3rver</c>) on a free loopback port, started per test class.
/// Installs its npm package on first use (<c>npm ci</c> from the committed lock file).
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    private readonly Process process;

    private S3Server(Process process, int port, string directory)
    {
        this.process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public static async Task<S3Server> StartAsync()
    {
        var root = typeof(S3Server).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "S3rverDirectory").Value!;
        if (!System.IO.Directory.Exists(Path.Combine(root, "node_modules", "s3rver")))
        {
            await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", root);
        }

        var dir = Path.Combine(Path.GetTempPath(), "wireedge-s3rver", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var port = FreePort();
        var psi = new ProcessStartInfo("node", $"start-s3rver.js {port} {dir}")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start node for s3rver");
        var ready = p.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(30))) != ready || ready.Result?.StartsWith("ready", StringComparison.Ordinal) != true)
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException("s3rver did not start: " + await p.StandardError.ReadToEndAsync());
        }

        return new S3Server(p, port, dir);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string args, string cwd)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { WorkingDirectory = cwd, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"could not start {file}");
        var err = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {args} failed in {cwd}: {await err}");
        }
    }
}
