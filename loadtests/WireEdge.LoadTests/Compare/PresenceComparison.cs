using System.Diagnostics;
using HdrHistogram;
using StackExchange.Redis;

namespace WireEdge.LoadTests.Compare;

/// <summary>
/// Presence store: the embedded Garnet of a WireEdge gundeck process (<c>--Service gundeck</c>, Garnet
/// on <c>Redis:Port</c>) vs <c>redis-server</c> (Debian), both driven by the same StackExchange.Redis
/// client with gundeck's commands (FACTS.md §5.4 layout): a presence write is
/// <c>MULTI; HSET user:&lt;uid&gt; &lt;conn&gt; &lt;json&gt;; EXPIRE; GET presence:epoch; EXEC</c>,
/// a lookup is one pipelined batch of <c>HGETALL user:&lt;uid&gt;</c> for the recipients of a push.
/// Rounds: garnet, redis, garnet, redis, ... each a warm-up and a closed-model run of C workers, half
/// writing, half looking up batches of B users.
/// </summary>
public static class PresenceComparison
{
    public static async Task RunAsync(CompareOptions o, ComparisonReport report, CancellationToken ct)
    {
        var workers = o.Int("workers", 32);
        var batch = o.Int("batch", 10);
        var users = o.Int("users", 20_000);
        var duration = o.Double("duration", 10);
        var warmup = o.Double("warmup", 3);
        var logs = o.LogDir("presence");
        int garnetPort = PeerProcess.FreePort(), redisPort = PeerProcess.FreePort(), internalPort = PeerProcess.FreePort();
        report.Settings["ours"] = "embedded Garnet inside WireEdge --Service gundeck (Redis:Port), as gundeck runs it";
        report.Settings["peer"] = "redis-server (Debian), --save '' --appendonly no, 1 process";
        report.Settings["client"] = $"StackExchange.Redis, one multiplexer per target; closed model, {workers} workers (half presence writes MULTI/HSET/EXPIRE/GET/EXEC, half pipelined HGETALL lookups of {batch} users) over {users} users; {warmup} s warm-up + {duration} s per round";

        await using var garnet = PeerProcess.Start("wireedge-gundeck",
            $"exec dotnet {o.HostDll} --Service gundeck --Listen:InternalPort {internalPort} --Listen:PublicPort 0 --Redis:Port {garnetPort} --Wire:DataDirectory {logs}/data --Logging:LogLevel:Default Warning", logs);
        await using var redis = PeerProcess.Start("redis-server", $"exec redis-server --bind 127.0.0.1 --port {redisPort} --save '' --appendonly no --protected-mode no", logs);
        await garnet.WaitForPortAsync(garnetPort, TimeSpan.FromSeconds(90), ct).ConfigureAwait(false);
        await redis.WaitForPortAsync(redisPort, TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
        var targets = new (string Name, PeerProcess Proc, int Port)[] { ("garnet", garnet, garnetPort), ("redis", redis, redisPort) };
        var muxes = new Dictionary<string, ConnectionMultiplexer>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, _, port) in targets)
            {
                muxes[name] = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=false,connectTimeout=10000").ConfigureAwait(false);
                await muxes[name].GetDatabase().StringSetAsync("presence:epoch", "compare", when: When.NotExists).ConfigureAwait(false);
                await LoadAsync(muxes[name].GetDatabase(), workers, batch, users, warmup * 2, ct).ConfigureAwait(false);
            }

            for (var round = 1; round <= o.Rounds; round++)
            {
                foreach (var (name, proc, _) in targets)
                {
                    var db = muxes[name].GetDatabase();
                    await LoadAsync(db, workers, batch, users, warmup, ct).ConfigureAwait(false);
                    var cpu0 = proc.CpuSeconds();
                    var r = await LoadAsync(db, workers, batch, users, duration, ct).ConfigureAwait(false);
                    var cpu = proc.CpuSeconds() - cpu0;
                    var ops = r.Writes + r.Lookups;
                    report.Add(new RoundResult(name, round, new Dictionary<string, double>
                    {
                        ["writes_s"] = r.Writes / r.Seconds,
                        ["lookups_s"] = r.Lookups / r.Seconds,
                        ["ops_s"] = ops / r.Seconds,
                        ["write_p50_ms"] = r.WriteLatency.GetValueAtPercentile(50) / 1000.0,
                        ["write_p99_ms"] = r.WriteLatency.GetValueAtPercentile(99) / 1000.0,
                        ["lookup_p50_ms"] = r.LookupLatency.GetValueAtPercentile(50) / 1000.0,
                        ["lookup_p99_ms"] = r.LookupLatency.GetValueAtPercentile(99) / 1000.0,
                        ["errors"] = r.Errors,
                        ["server_cpu_us_per_op"] = ops == 0 ? double.NaN : cpu * 1e6 / ops,
                    }));
                }
            }
        }
        finally
        {
            foreach (var mux in muxes.Values)
            {
                await mux.DisposeAsync().ConfigureAwait(false);
            }
        }

        report.Ratio("ops_s", "garnet", "redis", "presence operations/s (writes + lookup batches), higher is better (target >= 1.0)");
        report.Ratio("writes_s", "garnet", "redis", "presence writes/s, higher is better");
        report.Ratio("lookups_s", "garnet", "redis", "lookup batches/s, higher is better");
        report.Ratio("lookup_p99_ms", "garnet", "redis", "lookup p99, lower is better");
        report.Ratio("server_cpu_us_per_op", "garnet", "redis", "server CPU per operation (whole gundeck process for Garnet), lower is better");
        report.Notes.Add("Garnet runs inside the gundeck process, so its CPU includes the (idle) rest of gundeck; redis-server is single-threaded, Garnet uses several threads.");
    }

    private sealed record LoadResult(long Writes, long Lookups, long Errors, double Seconds, LongHistogram WriteLatency, LongHistogram LookupLatency);

    private static async Task<LoadResult> LoadAsync(IDatabase db, int workers, int batch, int users, double seconds, CancellationToken ct)
    {
        var ids = Enumerable.Range(0, users).Select(i => new Guid(i, 0x1234, 0x5678, 1, 2, 3, 4, 5, 6, 7, 8).ToString()).ToArray();
        var expiry = TimeSpan.FromSeconds(604_800);
        var writeHist = new LongHistogram(60_000_000, 3);
        var lookupHist = new LongHistogram(60_000_000, 3);
        long writes = 0, lookups = 0, errors = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(seconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            var rng = new Random(w);
            var wh = new LongHistogram(60_000_000, 3);
            var lh = new LongHistogram(60_000_000, 3);
            var keys = new Task<HashEntry[]>[batch];
            while (Stopwatch.GetTimestamp() < end && !ct.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    if (w % 2 == 0)
                    {
                        var user = ids[rng.Next(users)];
                        var conn = rng.Next(1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        var tran = db.CreateTransaction();
                        _ = tran.HashSetAsync("user:" + user, conn, $$"""{"cannon":"http://127.0.0.1:8086/","client":"{{conn}}abcdef","created_at":1732800000000}""");
                        _ = tran.KeyExpireAsync("user:" + user, expiry);
                        var epoch = tran.StringGetAsync("presence:epoch");
                        await tran.ExecuteAsync().ConfigureAwait(false);
                        await epoch.ConfigureAwait(false);
                        wh.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(t0).TotalMicroseconds));
                        Interlocked.Increment(ref writes);
                    }
                    else
                    {
                        var b = db.CreateBatch();
                        for (var i = 0; i < batch; i++)
                        {
                            keys[i] = b.HashGetAllAsync("user:" + ids[rng.Next(users)]);
                        }

                        b.Execute();
                        await Task.WhenAll(keys).ConfigureAwait(false);
                        lh.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(t0).TotalMicroseconds));
                        Interlocked.Increment(ref lookups);
                    }
                }
                catch (RedisException)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            lock (writeHist)
            {
                writeHist.Add(wh);
                lookupHist.Add(lh);
            }
        })).ConfigureAwait(false);
        return new LoadResult(writes, lookups, errors, Stopwatch.GetElapsedTime(start).TotalSeconds, writeHist, lookupHist);
    }
}
