using BenchmarkDotNet.Attributes;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Push;
using WireEdge.Gundeck.Presences;

namespace WireEdge.Benchmarks.Gundeck;

/// <summary>
/// Presence writes and lookups through the embedded Garnet versus a redis-server, in the same run
/// (issue 8, load item 3). Needs the redis-server of tests/infra/servers.sh (WIREEDGE_TEST_REDIS,
/// default 127.0.0.1:56379; database 8 is used).
/// <c>dotnet run -c Release --project bench/WireEdge.Benchmarks -- --filter '*PresenceStore*'</c>
/// </summary>
[InProcess]
[MemoryDiagnoser]
[MinIterationCount(5)]
[MaxIterationCount(15)]
[WarmupCount(3)]
public class PresenceStoreBenchmarks
{
    private const int Batch = 256;
    private static readonly Uri Cannon = new("http://127.0.0.1:8085");
    private RedisConnectionProvider provider = null!;
    private RedisPresenceRegistry registry = null!;
    private Guid[] users = null!;
    private int round;

    [Params("garnet", "redis")]
    public string Store { get; set; } = "garnet";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var redis = Environment.GetEnvironmentVariable("WIREEDGE_TEST_REDIS") is { Length: > 0 } s ? s : "127.0.0.1:56379";
        provider = Store == "garnet"
            ? RedisConnectionProvider.Embedded(0)
            : RedisConnectionProvider.External(redis + ",allowAdmin=true,defaultDatabase=8");
        var mux = await provider.GetAsync();
        if (!mux.IsConnected)
        {
            throw new InvalidOperationException("presence store not reachable: " + provider.ConfigurationString);
        }

        registry = new RedisPresenceRegistry(provider);
        users = [.. Enumerable.Range(0, Batch).Select(_ => Guid.NewGuid())];
        foreach (var u in users)
        {
            await registry.RegisterAsync(new Presence(u, "warm", Cannon, new ClientId(1), 1));
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        var mux = await provider.GetAsync();
        await mux.GetServer(mux.GetEndPoints()[0]).FlushDatabaseAsync(mux.GetDatabase().Database);
        await provider.DisposeAsync();
    }

    /// <summary>256 concurrent registrations (WATCH epoch; MULTI; HSET; EXPIRE; EXEC each).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task Register()
    {
        var r = Interlocked.Increment(ref round);
        var tasks = new Task[Batch];
        for (var i = 0; i < Batch; i++)
        {
            tasks[i] = registry.RegisterAsync(new Presence(users[i], "c" + (r % 4), Cannon, new ClientId((ulong)i + 1), r));
        }

        return Task.WhenAll(tasks);
    }

    /// <summary>One pipelined lookup of 256 users (what one push batch does); per user.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task<IReadOnlyList<Presence>> Lookup() => registry.GetAsync(users);
}
