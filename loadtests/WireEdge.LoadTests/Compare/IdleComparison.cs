namespace WireEdge.LoadTests.Compare;

/// <summary>
/// Idle sockets per GiB (same method as shared/measure g3): per round and target, start the server
/// (one process), warm up with 500 sockets and close them, RSS baseline (median of 3), open N idle
/// websockets from the same client, settle, RSS again (median of 5), check all are still open.
/// KiB/socket = ΔRSS of the server's process tree / open sockets. Ours: cannon (<c>--Service cannon</c>,
/// every socket with its own access token on <c>/await</c>); peer: Node <c>ws</c> 8.x
/// (<c>loadtests/compare/node/ws-server.mjs</c>).
/// </summary>
public static class IdleComparison
{
    public static async Task RunAsync(CompareOptions o, ComparisonReport report, CancellationToken ct)
    {
        var n = o.Int("sockets", 15_000);
        if (n is < 1 or > 19_000)
        {
            throw new InvalidOperationException("--sockets must be 1..19000 (one server process, 20,000 descriptors)");
        }

        var settle = o.Double("settle", 10);
        var concurrency = o.Int("concurrency", 64);
        var gcEnv = o.Get("gc-env", "DOTNET_gcServer=0 DOTNET_GCgen0size=0x400000");
        var logs = o.LogDir("idle");
        var targets = await CompareCommand.TargetsAsync(o, n + 500, ct).ConfigureAwait(false);
        var node = Path.Combine(o.CompareDir, "node");
        report.Settings["ours"] = $"cannon: WireEdge --Service cannon, env {gcEnv}; /await?access_token=<own token>&client=<client> per socket";
        report.Settings["peer"] = "Node ws 8.x server (loadtests/compare/node/ws-server.mjs, perMessageDeflate off, text ping -> pong)";
        report.Settings["client"] = $"wireedge-load WsFleet: {n} sockets, {concurrency} handshakes at a time, source addresses 127.A.B.k ({WsFleet.PerSource} per address), settle {settle} s";

        for (var round = 1; round <= o.Rounds; round++)
        {
            foreach (var name in new[] { "cannon", "node-ws" })
            {
                var port = PeerProcess.FreePort();
                var cmd = name == "cannon"
                    ? $"exec env {gcEnv} dotnet {o.HostDll} --Service=cannon --Listen:PublicAddress=127.0.0.1 --Listen:PublicPort={port} --Listen:InternalPort=0 "
                      + $"--Wire:DataDirectory={logs}/data-{round} {CompareCommand.Keys(o)} --Logging:LogLevel:Default=Warning"
                    : $"cd '{node}' && exec node ws-server.mjs {port}";
                await using var server = PeerProcess.Start($"{name}-{round}", cmd, logs);
                await server.WaitForPortAsync(port, TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
                Uri Url(int i, int offset) => new(name == "cannon"
                    ? $"ws://127.0.0.1:{port}/await?access_token={Uri.EscapeDataString(targets[i + offset].Token)}&client={targets[i + offset].Client}"
                    : $"ws://127.0.0.1:{port}/await?client={targets[i + offset].Client}");

                await using (var warm = new WsFleet())
                {
                    await warm.ConnectAsync(500, concurrency, i => Url(i, n), ct).ConfigureAwait(false);
                }

                await Task.Delay(2000, ct).ConfigureAwait(false);
                var before = await MedianRssAsync(server, 3, ct).ConfigureAwait(false);
                var fleet = new WsFleet();
                await using (fleet.ConfigureAwait(false))
                {
                    var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                    await fleet.ConnectAsync(n, concurrency, i => Url(i, 0), ct).ConfigureAwait(false);
                    var connectSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
                    await Task.Delay(TimeSpan.FromSeconds(settle), ct).ConfigureAwait(false);
                    var after = await MedianRssAsync(server, 5, ct).ConfigureAwait(false);
                    var open = fleet.Open;
                    var kib = open == 0 ? double.NaN : (after - before) / 1024.0 / open;
                    report.Add(new RoundResult(name, round, new Dictionary<string, double>
                    {
                        ["sockets_open"] = open,
                        ["rss_before_mib"] = before / 1048576.0,
                        ["rss_after_mib"] = after / 1048576.0,
                        ["kib_per_socket"] = kib,
                        ["sockets_per_gib"] = 1048576.0 / kib,
                        ["connect_s"] = connectSeconds,
                    }, $"failures: {fleet.FailureText()}"));
                }
            }
        }

        report.Ratio("sockets_per_gib", "cannon", "node-ws", "idle sockets per GiB of server RSS, higher is better (target >= 1.4)");
        report.Ratio("kib_per_socket", "cannon", "node-ws", "RSS per idle socket, lower is better");
        report.Notes.Add("RSS is read after the settle time without forcing a GC (what the OS pays), summed over the server's process tree.");
    }

    private static async Task<long> MedianRssAsync(PeerProcess p, int samples, CancellationToken ct)
    {
        var values = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            values.Add(p.RssBytes());
            await Task.Delay(1000, ct).ConfigureAwait(false);
        }

        return (long)ComparisonReport.Median(values);
    }
}
