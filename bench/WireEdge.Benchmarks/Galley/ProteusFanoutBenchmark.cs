using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Google.Protobuf;
using WireEdge.Contracts.Push;
using WireEdge.Galley.Messaging;
using WireEdge.Galley.Messaging.Proto;
using WireClientId = WireEdge.Contracts.Ids.ClientId;

namespace WireEdge.Benchmarks.Galley;

/// <summary>
/// A Proteus message to a 500-member conversation whose members have 2 clients each: from the
/// received protobuf bytes through parsing, the client-mismatch check and building one push per
/// recipient client (999: every client but the sender's) to handing them to a no-op push hub.
/// Members and their clients are preloaded (what the store and brig return).
/// Run: dotnet run -c Release --project bench/WireEdge.Benchmarks -- --filter '*ProteusFanout*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortConfig))]
public class ProteusFanoutBenchmark
{
    private const string Domain = "wire.example.com";
    private readonly NoOpPushHub hub = new();
    private byte[] body = [];
    private Guid conversation;
    private Guid sender;
    private HashSet<Guid> members = [];
    private Dictionary<Guid, IReadOnlyList<WireClientId>> clients = [];

    [Params(256)]
    public int CiphertextBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        conversation = Guid.NewGuid();
        var users = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToList();
        sender = users[0];
        members = [.. users];
        ulong next = 0x1000;
        clients = users.ToDictionary(u => u, _ => (IReadOnlyList<WireClientId>)[new WireClientId(next++), new WireClientId(next++)]);
        var senderClient = clients[sender][0];
        var text = new byte[CiphertextBytes];
        new Random(1).NextBytes(text);
        var message = new QualifiedNewOtrMessage { Sender = new WireEdge.Galley.Messaging.Proto.ClientId { Client = senderClient.Value }, IgnoreAll = new ClientMismatchStrategy.Types.IgnoreAll() };
        var entry = new QualifiedUserEntry { Domain = Domain };
        foreach (var u in users)
        {
            var ue = new UserEntry { User = new UserId { Uuid = ByteString.CopyFrom(u.ToByteArray(bigEndian: true)) } };
            foreach (var c in clients[u])
            {
                if (c != senderClient)
                {
                    ue.Clients.Add(new ClientEntry { Client = new WireEdge.Galley.Messaging.Proto.ClientId { Client = c.Value }, Text = ByteString.CopyFrom(text) });
                }
            }

            entry.Entries.Add(ue);
        }

        message.Recipients.Add(entry);
        body = message.ToByteArray();
    }

    [Benchmark]
    public async Task<int> ParseCheckAndFanOut()
    {
        var (message, _) = OtrMessageParser.ParseQualified(body);
        var outcome = await ProteusPipeline.ProcessAsync(message!, conversation, Domain, sender, "conn-1", members, clients, DateTimeOffset.UnixEpoch, hub.PushAsync);
        return outcome.Pushes;
    }

    private sealed class NoOpPushHub
    {
        public int Received { get; private set; }

        public Task PushAsync(IReadOnlyList<PushRequest> pushes, CancellationToken cancellationToken)
        {
            Received = pushes.Count;
            return Task.CompletedTask;
        }
    }

    private sealed class InProcessShortConfig : ManualConfig
    {
        public InProcessShortConfig()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
