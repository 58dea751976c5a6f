using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Npgsql;
using WireEdge.Gundeck;
using WireEdge.Gundeck.Notifications;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;

namespace WireEdge.Benchmarks.Gundeck;

/// <summary>
/// Notifications stored per second on SQLite and PostgreSQL (issue 8, load item 4). One invocation =
/// one <c>AppendAsync</c> (one transaction). Needs the PostgreSQL of tests/infra/servers.sh
/// (WIREEDGE_TEST_POSTGRES, default 127.0.0.1:55432).
/// <c>dotnet run -c Release --project bench/WireEdge.Benchmarks -- --filter '*NotificationStore*'</c>
/// </summary>
[InProcess]
[MinIterationCount(5)]
[MaxIterationCount(15)]
[WarmupCount(2)]
public class NotificationStoreBenchmarks
{
    private IDbConnectionFactory db = null!;
    private SqlNotificationStore store = null!;
    private NotificationIdGenerator ids = null!;
    private byte[] payload = null!;
    private Guid[] users = null!;

    [Params("sqlite", "postgres")]
    public string Engine { get; set; } = "sqlite";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        DapperSetup.Configure();
        if (Engine == "sqlite")
        {
            var dir = Path.Combine(Path.GetTempPath(), "wireedge-bench", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            db = new SqliteConnectionFactory($"Data Source={Path.Combine(dir, "bench.db")}");
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("WIREEDGE_TEST_POSTGRES") is { Length: > 0 } s ? s : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";
            var name = "bench_" + Guid.NewGuid().ToString("N");
            await using (var c = new NpgsqlConnection(admin))
            {
                await c.OpenAsync();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = $"CREATE DATABASE {name}";
                await cmd.ExecuteNonQueryAsync();
            }

            db = new PostgresConnectionFactory(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString());
        }

        await new MigrationRunner(db, [new GundeckModule()], TimeProvider.System).ApplyAsync();
        store = new SqlNotificationStore(db, TimeProvider.System, Options.Create(new GundeckOptions()));
        ids = new NotificationIdGenerator(TimeProvider.System);
        payload = Encoding.UTF8.GetBytes("[{\"type\":\"conversation.otr-message-add\",\"data\":{\"text\":\"" + new string('x', 300) + "\"}}]");
        users = [.. Enumerable.Range(0, 100).Select(_ => Guid.NewGuid())];
    }

    /// <summary>100 notifications of one recipient each, one transaction; per notification.</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public Task Append100Single()
    {
        var batch = new NewNotification[100];
        for (var i = 0; i < batch.Length; i++)
        {
            var (id, ts) = ids.Next();
            batch[i] = new NewNotification(id, ts, payload, [new NotificationTarget(users[i], null)]);
        }

        return store.AppendAsync(batch);
    }

    /// <summary>One notification to 100 recipients (payload stored once); per recipient row.</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public Task AppendFanout100()
    {
        var (id, ts) = ids.Next();
        var targets = new NotificationTarget[users.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = new NotificationTarget(users[i], null);
        }

        return store.AppendAsync([new NewNotification(id, ts, payload, targets)]);
    }

    /// <summary>A single push of one notification to one recipient (one transaction per notification).</summary>
    [Benchmark]
    public Task AppendOne()
    {
        var (id, ts) = ids.Next();
        return store.AppendAsync([new NewNotification(id, ts, payload, [new NotificationTarget(users[0], null)])]);
    }
}
