using System.Diagnostics;
using System.Text;
using System.Text.Json;
using HdrHistogram;

namespace WireEdge.LoadTests.Compare;

/// <summary>
/// Push fan-out latency (same method as shared/measure g5, unicast): three targets held by one runner
/// process in turn, M websockets each; per rate and round, in the order wireedge, pushpin, raw: connect
/// M sockets, publish at a fixed open-model rate R (push k scheduled at t0 + k/R, each to one random
/// connected client, stamped with its scheduled time), warm-up then a measured window, drain, close.
/// Latency = receipt − scheduled publish time (same clock, same process: no coordinated omission).
/// Ours: WireEdge all-in-one, clients on <c>/await</c> with their own token, pushes to
/// <c>POST /i/push/v2</c>. Peer: Pushpin (GRIP websocket-over-HTTP, <c>loadtests/compare/node/pushpin-origin.mjs</c>,
/// publish <c>POST /publish/</c>). Floor: <c>loadtests/compare/RawFloor</c>, a bare Kestrel websocket
/// server sending the same frame. Sockets are reconnected per round because one process may hold at
/// most 19,000 descriptors (3 × M would not fit).
/// </summary>
public static class FanoutComparison
{
    private sealed class RunState
    {
        public int Run = -1;
        public long MeasureFromSeq = long.MaxValue;
        public long Delivered;
        public LongHistogram Latency = new(600_000_000, 3);
    }

    private static readonly byte[] PubTs = "\"pubts\":"u8.ToArray();
    private static readonly byte[] RunKey = "\"run\":"u8.ToArray();
    private static readonly byte[] SeqKey = "\"seq\":"u8.ToArray();

    public static async Task RunAsync(CompareOptions o, ComparisonReport report, CancellationToken ct)
    {
        var m = o.Int("clients", 10_000);
        if (m is < 1 or > 18_000)
        {
            throw new InvalidOperationException("--clients must be 1..18000 (one runner process, 20,000 descriptors)");
        }

        var rates = o.Get("rates", "2000").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(r => double.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var duration = o.Double("duration", 20);
        var warmup = o.Double("warmup", 3);
        var initialWarmup = o.Double("initial-warmup", 10);
        var warmed = new HashSet<string>(StringComparer.Ordinal);
        var drain = o.Double("drain", 3);
        var concurrency = o.Int("concurrency", 32);
        var transient = o.Get("transient", "true") == "true";
        var include = o.Get("targets", "wireedge pushpin raw").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var logs = o.LogDir("fanout");
        var targets = await CompareCommand.TargetsAsync(o, m, ct).ConfigureAwait(false);
        var pad = new string('x', o.Int("pad", 40));
        report.Settings["ours"] = $"WireEdge all-in-one (SQLite, embedded Garnet, rate limits off), /await through the public listener, POST /i/push/v2 one recipient+client per push, transient={transient.ToString().ToLowerInvariant()}";
        report.Settings["peer"] = "Pushpin (Debian) runner with condure, zurl, proxy, handler; route *,over_http to the GRIP origin; message_rate=0 (limiter off, as shared/measure g5)";
        report.Settings["floor"] = "raw-floor: bare Kestrel websocket server (workstation GC), POST /publish/{client} sends {\"id\":...,\"payload\":[body]} as one binary frame";
        report.Settings["client"] = $"wireedge-load WsFleet, {m} websockets per target, {concurrency} handshakes at a time; publisher: SocketsHttpHandler, 32 connections, open model, {warmup} s warm-up (+ {initialWarmup} s in a target's first round) + {duration} s measured + {drain} s drain per round";

        var state = new RunState();
        void OnFrame(int index, ReadOnlyMemory<byte> frame)
        {
            var now = Stopwatch.GetTimestamp();
            var span = frame.Span;
            var run = ReadLong(span, RunKey);
            var seq = ReadLong(span, SeqKey);
            var ts = ReadLong(span, PubTs);
            var s = Volatile.Read(ref state);
            if (run != s.Run || seq < s.MeasureFromSeq || ts <= 0)
            {
                return;
            }

            var micros = Math.Max(1, (long)((now - ts) * 1_000_000.0 / Stopwatch.Frequency));
            lock (s)
            {
                s.Latency.RecordValue(Math.Min(micros, 600_000_000));
                s.Delivered++;
            }
        }

        await using var servers = new Servers(o, logs);
        await servers.StartAsync(include, ct).ConfigureAwait(false);
        var runId = 0;
        foreach (var rate in rates)
        {
            for (var round = 1; round <= o.Rounds; round++)
            {
                foreach (var name in include)
                {
                    var fleet = new WsFleet(1024, OnFrame);
                    await using (fleet.ConfigureAwait(false))
                    {
                        await fleet.ConnectAsync(m, concurrency, i => servers.ClientUrl(name, targets[i]), ct).ConfigureAwait(false);
                        var connected = fleet.Connected();
                        await Task.Delay(2000, ct).ConfigureAwait(false);
                        runId++;
                        var roundWarmup = warmed.Add(name) ? warmup + initialWarmup : warmup; // first round of a target: JIT and caches warm
                        var warmCount = (long)(roundWarmup * rate);
                        var fresh = new RunState { Run = runId, MeasureFromSeq = warmCount };
                        Volatile.Write(ref state, fresh);
                        var proc = servers.Process(name);
                        var cpu = 0.0;
                        var pub = await PublishAsync(name, servers, targets, connected, rate, roundWarmup, duration, runId, pad, transient,
                            onMeasureStart: () => cpu = proc.CpuSeconds(), ct).ConfigureAwait(false);
                        cpu = proc.CpuSeconds() - cpu;
                        await Task.Delay(TimeSpan.FromSeconds(drain), ct).ConfigureAwait(false);
                        long delivered;
                        lock (fresh)
                        {
                            delivered = fresh.Delivered;
                        }

                        var h = fresh.Latency;
                        report.Add(new RoundResult(name, round, new Dictionary<string, double>
                        {
                            ["connected"] = connected.Count,
                            ["sent"] = pub.MeasuredSent,
                            ["acked"] = pub.MeasuredAcked,
                            ["delivered"] = delivered,
                            ["missing"] = pub.MeasuredAcked - delivered,
                            ["deliveries_s"] = delivered / duration,
                            ["p50_ms"] = h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(50) / 1000.0,
                            ["p99_ms"] = h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(99) / 1000.0,
                            ["p999_ms"] = h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(99.9) / 1000.0,
                            ["max_ms"] = h.TotalCount == 0 ? double.NaN : h.GetMaxValue() / 1000.0,
                            ["server_cpu_pct"] = cpu * 100 / duration,
                            ["pub_lag_p99_ms"] = pub.LagP99Ms,
                            ["closed_by_server"] = fleet.ClosedByServer,
                        }, $"rate={rate}"));
                        if (fleet.Failures.Count > 0)
                        {
                            report.Notes.Add($"round {round} {name} rate {rate}: connect failures {fleet.FailureText()}");
                        }

                        Volatile.Write(ref state, new RunState());
                    }

                    await Task.Delay(1000, ct).ConfigureAwait(false);
                }
            }

            var prefix = $"rate={rate}";
            if (include.Contains("pushpin"))
            {
                report.Ratio("p99_ms", "wireedge", "pushpin", "p99 push→frame latency, lower is better (target <= 0.5)", prefix);
            }

            if (include.Contains("raw"))
            {
                report.Ratio("p99_ms", "wireedge", "raw", "p99 latency against the raw floor, lower is better (target <= 3)", prefix);
            }

            if (include.Contains("pushpin"))
            {
                report.Ratio("p50_ms", "wireedge", "pushpin", "p50 latency, lower is better", prefix);
                report.Ratio("server_cpu_pct", "wireedge", "pushpin", "server CPU (process tree) during the measured window, lower is better", prefix);
            }
        }

        report.Notes.Add("missing = acknowledged pushes of the measured window whose frame had not arrived after the drain (not yet delivered, or lost).");
    }

    private sealed record PublishResult(long MeasuredSent, long MeasuredAcked, double LagP99Ms);

    private static async Task<PublishResult> PublishAsync(string name, Servers servers, List<(string Token, string Client, string User)> targets, List<int> connected,
        double rate, double warmup, double duration, int runId, string pad, bool transient, Action onMeasureStart, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 32, UseProxy = false, UseCookies = false };
        using var http = new HttpMessageInvoker(handler);
        var total = (long)((warmup + duration) * rate);
        var warmCount = (long)(warmup * rate);
        long measuredSent = 0, measuredAcked = 0;
        var inFlight = 0;
        var lag = new LongHistogram(60_000_000, 3);
        var tasks = new List<Task>();
        var t0 = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        var rng = new Random(runId);
        for (long k = 0; k < total && !ct.IsCancellationRequested;)
        {
            var now = Stopwatch.GetTimestamp();
            while (k < total)
            {
                var scheduled = t0 + (long)(k * Stopwatch.Frequency / rate);
                if (scheduled > now)
                {
                    break;
                }

                if (k == warmCount)
                {
                    onMeasureStart();
                }

                var target = targets[connected[rng.Next(connected.Count)]];
                var payload = $$"""{"pubts":{{scheduled}},"run":{{runId}},"seq":{{k}},"pad":"{{pad}}"}""";
                var measured = k >= warmCount;
                if (measured)
                {
                    measuredSent++;
                    lag.RecordValue(Math.Max(1, (now - scheduled) * 1_000_000 / Stopwatch.Frequency));
                }

                if (Volatile.Read(ref inFlight) < 5000)
                {
                    Interlocked.Increment(ref inFlight);
                    tasks.Add(SendOneAsync(http, servers.PublishUri(name, target.Client), servers.PublishBody(name, target, payload, transient), measured, () => Interlocked.Increment(ref measuredAcked), () => Interlocked.Decrement(ref inFlight)));
                }

                k++;
            }

            await Task.Delay(1, ct).ConfigureAwait(false);
        }

        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
        return new PublishResult(measuredSent, Interlocked.Read(ref measuredAcked), lag.GetValueAtPercentile(99) / 1000.0);
    }

    private static async Task SendOneAsync(HttpMessageInvoker http, Uri uri, byte[] body, bool measured, Action acked, Action done)
    {
        try
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            req.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var resp = await http.SendAsync(req, cts.Token).ConfigureAwait(false);
            if (resp.IsSuccessStatusCode && measured)
            {
                acked();
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
        }
        finally
        {
            done();
        }
    }

    private static long ReadLong(ReadOnlySpan<byte> span, ReadOnlySpan<byte> key)
    {
        var at = span.IndexOf(key);
        if (at < 0)
        {
            return -1;
        }

        long v = 0;
        var any = false;
        for (var i = at + key.Length; i < span.Length && span[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            v = (v * 10) + (span[i] - '0');
            any = true;
        }

        return any ? v : -1;
    }

    /// <summary>The three servers, started once for the whole comparison.</summary>
    private sealed class Servers(CompareOptions o, string logs) : IAsyncDisposable
    {
        private readonly Dictionary<string, PeerProcess> procs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> ports = new(StringComparer.Ordinal);
        private string? pushpinRun;

        public PeerProcess Process(string name) => procs[name];

        public async Task StartAsync(string[] names, CancellationToken ct)
        {
            foreach (var name in names)
            {
                switch (name)
                {
                    case "wireedge":
                        {
                            int pub = PeerProcess.FreePort(), intl = PeerProcess.FreePort(), garnet = PeerProcess.FreePort();
                            ports["wireedge"] = pub;
                            ports["wireedge-internal"] = intl;
                            var p = procs["wireedge"] = PeerProcess.Start("wireedge",
                                $"exec dotnet {o.HostDll} --Listen:PublicAddress 127.0.0.1 --Listen:PublicPort {pub} --Listen:InternalPort {intl} --Redis:Port {garnet} "
                                + $"--Edge:RateLimits:Enabled false --Wire:DataDirectory {logs}/wireedge-data {CompareCommand.Keys(o).Replace('=', ' ')} --Logging:LogLevel:Default Warning", logs);
                            await p.WaitForPortAsync(pub, TimeSpan.FromSeconds(90), ct).ConfigureAwait(false);
                            await p.WaitForPortAsync(intl, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
                            break;
                        }

                    case "raw":
                        {
                            var port = ports["raw"] = PeerProcess.FreePort();
                            var dll = o.Get("raw-floor", "/tmp/art-compare/bin/RawFloor/release/raw-floor.dll");
                            var p = procs["raw"] = PeerProcess.Start("raw", $"exec env DOTNET_gcServer=0 dotnet {dll} --urls http://127.0.0.1:{port}", logs);
                            await p.WaitForPortAsync(port, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
                            break;
                        }

                    case "pushpin":
                        await StartPushpinAsync(ct).ConfigureAwait(false);
                        break;
                    default:
                        throw new InvalidOperationException($"unknown fan-out target {name} (wireedge, pushpin, raw)");
                }
            }
        }

        private async Task StartPushpinAsync(CancellationToken ct)
        {
            int origin = PeerProcess.FreePort(), http = PeerProcess.FreePort(), pull = PeerProcess.FreePort(), sub = PeerProcess.FreePort(), pub = PeerProcess.FreePort(), cmd = PeerProcess.FreePort();
            ports["pushpin"] = http;
            ports["pushpin-publish"] = pub;
            pushpinRun = Directory.CreateTempSubdirectory("wec-pp-").FullName; // short: zmq ipc names are limited to 107 bytes
            var dir = Path.Combine(logs, "pushpin");
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "routes"), $"* 127.0.0.1:{origin},over_http\n", ct).ConfigureAwait(false);
            var rate = o.Get("pushpin-message-rate", "0");
            await File.WriteAllTextAsync(Path.Combine(dir, "pushpin.conf"), $"""
                [global]
                include={"{libdir}"}/internal.conf
                rundir={pushpinRun}
                ipc_prefix=wec-
                port_offset=0
                stats_connection_ttl=120

                [runner]
                services=condure,zurl,pushpin-proxy,pushpin-handler
                http_port=127.0.0.1:{http}
                logdir={dir}
                log_level=1
                client_buffer_size=8192
                client_maxconn=60000
                condure_bin=condure
                zurl_bin=zurl

                [proxy]
                routesfile={dir}/routes
                zurl_out_specs=ipc://{"{rundir}/{ipc_prefix}"}zurl-in
                zurl_out_stream_specs=ipc://{"{rundir}/{ipc_prefix}"}zurl-in-stream
                zurl_in_specs=ipc://{"{rundir}/{ipc_prefix}"}zurl-out
                debug=false
                auto_cross_origin=false
                accept_x_forwarded_protocol=false
                set_x_forwarded_protocol=proto-only
                accept_pushpin_route=false
                sig_iss=pushpin
                sig_key=changeme
                updates_check=off

                [handler]
                push_in_spec=tcp://127.0.0.1:{pull}
                push_in_sub_specs=tcp://127.0.0.1:{sub}
                push_in_sub_connect=false
                push_in_http_addr=127.0.0.1
                push_in_http_port={pub}
                push_in_http_max_headers_size=10000
                push_in_http_max_body_size=1000000
                stats_spec=ipc://{"{rundir}/{ipc_prefix}"}stats
                command_spec=tcp://127.0.0.1:{cmd}
                message_rate={rate}
                message_hwm=1000000
                message_wait=5000
                id_cache_ttl=60
                connection_subscription_max=20
                subscription_linger=60
                stats_subscription_ttl=60
                stats_report_interval=10
                stats_format=tnetstring

                """, ct).ConfigureAwait(false);
            var node = Path.Combine(o.CompareDir, "node");
            procs["pushpin-origin"] = PeerProcess.Start("pushpin-origin", $"cd '{node}' && exec node pushpin-origin.mjs {origin}", logs);
            var p = procs["pushpin"] = PeerProcess.Start("pushpin", $"exec pushpin --config={dir}/pushpin.conf", logs);
            await procs["pushpin-origin"].WaitForPortAsync(origin, TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            await p.WaitForPortAsync(http, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            await p.WaitForPortAsync(pub, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        }

        public Uri ClientUrl(string name, (string Token, string Client, string User) t) => name switch
        {
            "wireedge" => new Uri($"ws://127.0.0.1:{ports["wireedge"]}/await?access_token={Uri.EscapeDataString(t.Token)}&client={t.Client}"),
            _ => new Uri($"ws://127.0.0.1:{ports[name]}/await?client={t.Client}"),
        };

        public Uri PublishUri(string name, string client) => name switch
        {
            "wireedge" => new Uri($"http://127.0.0.1:{ports["wireedge-internal"]}/i/push/v2"),
            "pushpin" => new Uri($"http://127.0.0.1:{ports["pushpin-publish"]}/publish/"),
            _ => new Uri($"http://127.0.0.1:{ports["raw"]}/publish/{client}"),
        };

        public byte[] PublishBody(string name, (string Token, string Client, string User) t, string payload, bool transient) => Encoding.UTF8.GetBytes(name switch
        {
            "wireedge" => $$"""[{"recipients":[{"user_id":"{{t.User}}","route":"any","clients":["{{t.Client}}"]}],"payload":[{{payload}}],"transient":{{(transient ? "true" : "false")}}}]""",
            "pushpin" => "{\"items\":[{\"channel\":\"client-" + t.Client + "\",\"formats\":{\"ws-message\":{\"content\":\"" + JsonEncodedText.Encode(payload) + "\"}}}]}",
            _ => payload,
        });

        public async ValueTask DisposeAsync()
        {
            foreach (var p in procs.Values.Reverse())
            {
                await p.DisposeAsync().ConfigureAwait(false);
            }

            if (pushpinRun is not null)
            {
                Directory.Delete(pushpinRun, recursive: true);
            }
        }
    }
}
