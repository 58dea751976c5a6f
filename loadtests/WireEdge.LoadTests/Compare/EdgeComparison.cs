using System.Diagnostics;
using System.Net.Http.Headers;
using HdrHistogram;

namespace WireEdge.LoadTests.Compare;

/// <summary>
/// Edge throughput (same method as shared/measure g1): one nginx origin (1 worker, <c>return 200</c> with a
/// 64-byte body); the peer is nginx <c>proxy_pass</c> (worker_processes auto, upstream keepalive 256,
/// HTTP/1.1); ours is WireEdge started edge-only (<c>--Service edge</c>), verifying the bearer token and
/// forwarding <c>/self</c> to the same origin. Both get identical request bytes (the token goes to nginx
/// too). Rounds: ours, nginx, ours, nginx, ... each a warm-up then a closed-model run of C connections.
/// </summary>
public static class EdgeComparison
{
    public static async Task RunAsync(CompareOptions o, ComparisonReport report, CancellationToken ct)
    {
        var conns = o.Int("connections", 64);
        var duration = o.Double("duration", 10);
        var warmup = o.Double("warmup", 3);
        var initialWarmup = o.Double("initial-warmup", 20);
        var logs = o.LogDir("edge");
        var token = (await CompareCommand.TargetsAsync(o, 1, ct).ConfigureAwait(false))[0].Token;
        var originPort = PeerProcess.FreePort();
        var nginxPort = PeerProcess.FreePort();
        var sutPort = PeerProcess.FreePort();
        var body = new string('x', 63) + "\n";
        Directory.CreateDirectory(logs);
        await File.WriteAllTextAsync(Path.Combine(logs, "origin.conf"), $$"""
            worker_processes 1; pid {{logs}}/origin.pid; error_log {{logs}}/origin.err warn; daemon off;
            events { worker_connections 4096; }
            http { access_log off; client_body_temp_path {{logs}}/t1; proxy_temp_path {{logs}}/t2; fastcgi_temp_path {{logs}}/t3; uwsgi_temp_path {{logs}}/t4; scgi_temp_path {{logs}}/t5;
              keepalive_requests 1000000;
              server { listen 127.0.0.1:{{originPort}}; location / { default_type text/plain; return 200 "{{body.TrimEnd('\n')}}\n"; } } }
            """, ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(logs, "proxy.conf"), $$"""
            worker_processes auto; pid {{logs}}/proxy.pid; error_log {{logs}}/proxy.err warn; daemon off;
            events { worker_connections 4096; }
            http { access_log off; client_body_temp_path {{logs}}/p1; proxy_temp_path {{logs}}/p2; fastcgi_temp_path {{logs}}/p3; uwsgi_temp_path {{logs}}/p4; scgi_temp_path {{logs}}/p5;
              keepalive_requests 1000000;
              upstream origin { server 127.0.0.1:{{originPort}}; keepalive 256; }
              server { listen 127.0.0.1:{{nginxPort}}; location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
            """, ct).ConfigureAwait(false);

        var sutCmd = "export DOTNET_gcServer=0 DOTNET_gcConcurrent=0 DOTNET_TieredPGO=1 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT=$(nproc); "
            + $"exec dotnet {o.HostDll} --Service edge --Listen:PublicAddress 127.0.0.1 --Listen:PublicPort {sutPort} --Listen:InternalPort 0 "
            + $"--Edge:Upstreams:brig http://127.0.0.1:{originPort} --Edge:RateLimits:Enabled false --Edge:InlineScheduling true "
            + CompareCommand.Keys(o).Replace('=', ' ') + $" --Wire:DataDirectory {logs}/sut-data --Logging:LogLevel:Default Warning --Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics None";
        report.Settings["ours"] = "WireEdge --Service edge, workstation GC, inline socket completions (as loadtests/edge/sut.sh)";
        report.Settings["peer"] = "nginx proxy_pass, worker_processes auto, upstream keepalive 256, HTTP/1.1";
        report.Settings["origin"] = "nginx, 1 worker, return 200 with a 64-byte body";
        report.Settings["client"] = $"wireedge-load HTTP/1.1 client (SocketsHttpHandler), closed model, {conns} connections, GET /self with Authorization: Bearer <access token>, {warmup} s warm-up + {duration} s per round; initial warm-up {initialWarmup} s per target";

        await using var origin = PeerProcess.Start("origin", $"exec nginx -p {logs} -c {logs}/origin.conf", logs);
        await using var nginx = PeerProcess.Start("nginx", $"exec nginx -p {logs} -c {logs}/proxy.conf", logs);
        await using var sut = PeerProcess.Start("wireedge", sutCmd, logs);
        await origin.WaitForPortAsync(originPort, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        await nginx.WaitForPortAsync(nginxPort, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        await sut.WaitForPortAsync(sutPort, TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);

        var targets = new (string Name, PeerProcess Proc, int Port)[] { ("wireedge", sut, sutPort), ("nginx", nginx, nginxPort) };
        foreach (var (name, _, port) in targets)
        {
            var check = await LoadAsync(port, token, 1, 0.5, ct).ConfigureAwait(false);
            if (check.Ok == 0)
            {
                throw new InvalidOperationException($"{name} answered no 2xx for GET /self (codes: {check.Codes})");
            }

            await LoadAsync(port, token, conns, initialWarmup, ct).ConfigureAwait(false);
        }

        for (var round = 1; round <= o.Rounds; round++)
        {
            foreach (var (name, proc, port) in targets)
            {
                await LoadAsync(port, token, conns, warmup, ct).ConfigureAwait(false);
                var cpu0 = proc.CpuSeconds();
                var r = await LoadAsync(port, token, conns, duration, ct).ConfigureAwait(false);
                var cpu = proc.CpuSeconds() - cpu0;
                report.Add(new RoundResult(name, round, new Dictionary<string, double>
                {
                    ["req_s"] = r.Ok / r.Seconds,
                    ["p50_ms"] = r.Latency.GetValueAtPercentile(50) / 1000.0,
                    ["p99_ms"] = r.Latency.GetValueAtPercentile(99) / 1000.0,
                    ["non2xx"] = r.Non2xx,
                    ["errors"] = r.Errors,
                    ["cpu_us_per_req"] = r.Ok == 0 ? double.NaN : cpu * 1e6 / r.Ok,
                    ["server_cpu_pct"] = cpu * 100 / r.Seconds,
                }, r.Codes));
            }
        }

        report.Ratio("req_s", "wireedge", "nginx", "requests/s, higher is better");
        report.Ratio("p99_ms", "wireedge", "nginx", "p99 latency, lower is better");
        report.Ratio("cpu_us_per_req", "wireedge", "nginx", "server CPU per request (process tree), lower is better; the least noisy figure");
        report.Notes.Add("The client runs on the same 2 cores as the servers; its CPU is the same for both targets, so the ratios are comparable, the absolute req/s are not a capacity figure.");
    }

    public sealed record LoadResult(long Ok, long Non2xx, long Errors, double Seconds, LongHistogram Latency, string Codes);

    /// <summary>Closed model: <paramref name="connections"/> loops of GET /self for <paramref name="seconds"/>.</summary>
    public static async Task<LoadResult> LoadAsync(int port, string token, int connections, double seconds, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false, UseProxy = false, AutomaticDecompression = System.Net.DecompressionMethods.None };
        using var http = new HttpMessageInvoker(handler);
        var uri = new Uri($"http://127.0.0.1:{port}/self");
        var auth = new AuthenticationHeaderValue("Bearer", token);
        var hist = new LongHistogram(60_000_000, 3);
        long ok = 0, non2xx = 0, errors = 0;
        var codes = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(seconds * Stopwatch.Frequency);
        var buffer = new byte[4096];
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var local = new LongHistogram(60_000_000, 3);
            var mine = new byte[4096];
            while (Stopwatch.GetTimestamp() < end && !ct.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var req = new HttpRequestMessage(HttpMethod.Get, uri);
                    req.Headers.Authorization = auth;
                    using var resp = await http.SendAsync(req, ct).ConfigureAwait(false);
                    await using var s = await resp.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                    while (await s.ReadAsync(mine, ct).ConfigureAwait(false) > 0)
                    {
                    }

                    local.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(t0).TotalMicroseconds));
                    if (resp.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref ok);
                    }
                    else
                    {
                        Interlocked.Increment(ref non2xx);
                        codes.AddOrUpdate(((int)resp.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, v) => v + 1);
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref errors);
                    codes.AddOrUpdate(e.HttpRequestError.ToString(), 1, (_, v) => v + 1);
                }
            }

            lock (hist)
            {
                hist.Add(local);
            }
        })).ConfigureAwait(false);
        GC.KeepAlive(buffer);
        var secs = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new LoadResult(ok, non2xx, errors, secs, hist, string.Join(" ", codes.Select(c => $"{c.Key}={c.Value}")));
    }
}
