using System.Globalization;
using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace WireEdge.Benchmarks.Brig;

/// <summary>
/// End-to-end brig auth measurements over real sockets against the all-in-one host (edge → brig, SQLite):
/// login throughput through the Argon2id path (default cost: 19 MiB, 2 passes, concurrency = cores/2),
/// <c>/access</c> throughput, and the latency of cheap endpoints (<c>/api-version</c>, <c>GET /self</c>)
/// while a login storm saturates the hashing slots. One scenario run per iteration; the summary lines are
/// printed to the benchmark log. Run:
/// <c>dotnet run -c Release --project bench/WireEdge.Benchmarks -- --filter '*BrigAuthScenario*'</c>
/// (<c>WIREEDGE_BENCH_SECONDS</c> sets the length of each phase, default 10).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class BrigAuthScenario
{
    private const string Password = "benchmark password";
    private readonly List<string> emails = [];
    private readonly List<string> cookies = [];
    private BrigHostRunner host = null!;
    private string token = string.Empty;

    [Params(0)]
    public int HashConcurrency { get; set; }

    private static TimeSpan Phase => TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("WIREEDGE_BENCH_SECONDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 10);

    [GlobalSetup]
    public void Setup()
    {
        host = BrigHostRunner.StartAsync(new Dictionary<string, string?> { ["Brig:Argon2:Concurrency"] = HashConcurrency.ToString(CultureInfo.InvariantCulture) })
            .GetAwaiter().GetResult();
        for (var i = 0; i < 64; i++)
        {
            var email = $"bench{i}-{Guid.NewGuid():N}@example.com";
            emails.Add(email);
            cookies.Add(host.RegisterAsync(email, Password).GetAwaiter().GetResult());
        }

        using var r = host.AccessAsync(cookies[0]).GetAwaiter().GetResult();
        var body = r.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        token = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    [GlobalCleanup]
    public void Cleanup() => host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public void LoginAccessAndStorm() => RunAsync().GetAwaiter().GetResult();

    private async Task<bool> SelfAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v8/self");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var r = await host.Client.SendAsync(request);
        return r.StatusCode == HttpStatusCode.OK;
    }

    private async Task<bool> ApiVersionAsync()
    {
        using var r = await host.Client.GetAsync("/api-version");
        return r.StatusCode == HttpStatusCode.OK;
    }

    private async Task RunAsync()
    {
        var phase = Phase;
        var lines = new List<string>();

        var idleProbe = await LatencyRecorder.RunAsync(1, phase, _ => SelfAsync());
        lines.Add(idleProbe.Summary("GET /self (idle, 1 worker)", phase));

        var login = await LatencyRecorder.RunAsync(8, phase, async w =>
        {
            using var r = await host.LoginAsync(emails[w], Password);
            return r.StatusCode == HttpStatusCode.OK;
        });
        lines.Add(login.Summary("POST /login (8 workers)", phase));

        var access = await LatencyRecorder.RunAsync(16, phase, async w =>
        {
            using var r = await host.AccessAsync(cookies[w]);
            return r.StatusCode == HttpStatusCode.OK;
        });
        lines.Add(access.Summary("POST /access (16 workers)", phase));

        using var storm = new CancellationTokenSource();
        var stormTask = LatencyRecorder.RunAsync(64, phase + TimeSpan.FromSeconds(2), async w =>
        {
            using var r = await host.LoginAsync(emails[w], Password);
            return r.StatusCode is HttpStatusCode.OK;
        }, storm.Token);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var selfDuringStorm = LatencyRecorder.RunAsync(1, phase, _ => SelfAsync());
        var versionDuringStorm = LatencyRecorder.RunAsync(1, phase, _ => ApiVersionAsync());
        lines.Add((await selfDuringStorm).Summary("GET /self during 64-login storm", phase));
        lines.Add((await versionDuringStorm).Summary("GET /api-version during storm", phase));
        lines.Add((await stormTask).Summary("POST /login storm (64 workers)", phase + TimeSpan.FromSeconds(2)));

        Console.WriteLine($"// brig auth scenario: Argon2 concurrency {(HashConcurrency == 0 ? Math.Max(1, Environment.ProcessorCount / 2) : HashConcurrency)}, {Environment.ProcessorCount} cores");
        foreach (var l in lines)
        {
            Console.WriteLine("// " + l);
        }
    }
}
