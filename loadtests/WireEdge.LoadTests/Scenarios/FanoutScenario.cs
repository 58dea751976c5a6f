using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Scenarios;

/// <summary>
/// Message fan-out with a delivery oracle. Setup: <c>users</c> accounts, each connected over <c>/await</c>,
/// split into groups of <c>group_size</c> (default 5). Each iteration pushes one event to one group through the
/// internal gundeck API (<c>POST /i/push/v2</c>); one push per group is in flight at a time, so per-group
/// sequence numbers must arrive in order. Steps: <c>push</c> (publish → 2xx), <c>delivery</c> (publish → frame
/// at each receiver, end to end). Teardown: waits up to <c>drain</c> seconds (default 5), then fetches what is
/// still missing through <c>GET /v8/notifications</c> (step <c>catchup</c>). <c>drop_every=N</c> records every
/// Nth push as acknowledged without sending it: a self-test that the oracle reports missing deliveries.
/// </summary>
public sealed class FanoutScenario : Scenario
{
    private readonly List<(Account Account, ClientWebSocket Socket)> sockets = [];
    private readonly List<Task> receivers = [];
    private readonly CancellationTokenSource stopReceivers = new();
    private WireClient client = null!;
    private List<Account> accounts = [];
    private SemaphoreSlim[] locks = [];
    private long[] seqs = [];
    private int groupSize;

    public override string Name => "fanout";

    public override async Task SetupAsync(RunContext run, CancellationToken ct)
    {
        client = new WireClient(run);
        accounts = await client.CreateAccountsAsync(run.Options.Users, ct).ConfigureAwait(false);
        groupSize = Math.Clamp(run.Options.Param("group_size", 5), 1, accounts.Count);
        var groups = (accounts.Count + groupSize - 1) / groupSize;
        locks = [.. Enumerable.Range(0, groups).Select(_ => new SemaphoreSlim(1, 1))];
        seqs = new long[groups];
        foreach (var a in accounts)
        {
            var start = Stopwatch.GetTimestamp();
            var (result, ws) = await client.ConnectAsync(a, ct).ConfigureAwait(false);
            run.Record("setup:ws-connect", start, result, force: true);
            if (ws is null)
            {
                throw new ScenarioSetupException($"websocket connect failed: {result.Code}");
            }

            sockets.Add((a, ws));
            receivers.Add(Task.Run(() => ReceiveLoopAsync(run, a, ws, stopReceivers.Token), CancellationToken.None));
        }

        // Presence registration is asynchronous on the server side: give it a moment before the first push.
        await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
    }

    private static async Task ReceiveLoopAsync(RunContext run, Account a, ClientWebSocket ws, CancellationToken ct)
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var m = await WireClient.ReceiveAsync(ws, buffer, ct).ConfigureAwait(false);
                if (m is null)
                {
                    run.Record("socket-closed", Stopwatch.GetTimestamp(), StepResult.Failure("close-" + (int?)ws.CloseStatus), force: true);
                    return;
                }

                if (m.Value.Data.Count == 4 && m.Value.Data.AsSpan().SequenceEqual("pong"u8))
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(m.Value.Data.AsMemory());
                foreach (var (stream, seq, sent) in WireClient.LoadEvents(doc.RootElement))
                {
                    run.Oracle.Received(a.UserId, stream, seq, "websocket");
                    run.Record("delivery", sent, StepResult.Success("frame", m.Value.Data.Count));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or JsonException or ObjectDisposedException)
        {
            if (!ct.IsCancellationRequested)
            {
                run.Record("socket-closed", Stopwatch.GetTimestamp(), StepResult.Failure(e.GetType().Name), force: true);
            }
        }
    }

    public override async Task IterationAsync(VuContext vu, CancellationToken ct)
    {
        var g = (int)(vu.Iteration % locks.Length);
        var members = accounts.Skip(g * groupSize).Take(groupSize).Select(a => a.UserId).ToArray();
        var stream = "g" + g;
        var dropEvery = vu.Run.Options.Param("drop_every", 0);
        await locks[g].WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var seq = ++seqs[g];
            if (dropEvery > 0 && vu.Iteration % dropEvery == 0)
            {
                vu.Run.Oracle.Acknowledged(stream, seq, members);
                return;
            }

            var r = await vu.StepAsync("push", c => client.PushAsync(members, stream, seq, c), ct).ConfigureAwait(false);
            if (r.Ok)
            {
                vu.Run.Oracle.Acknowledged(stream, seq, members);
            }
        }
        finally
        {
            locks[g].Release();
        }
    }

    public override async Task TeardownAsync(RunContext run, CancellationToken ct)
    {
        var drainUntil = Stopwatch.GetTimestamp() + (long)(run.Options.ParamD("drain", 5) * Stopwatch.Frequency);
        while (run.Oracle.Outstanding().Count > 0 && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(100, ct).ConfigureAwait(false);
        }

        var outstanding = run.Oracle.Outstanding();
        var websocketMissing = outstanding.Count;
        foreach (var userId in outstanding.Select(o => o.Receiver).Distinct(StringComparer.Ordinal))
        {
            var a = accounts.First(x => x.UserId == userId);
            var start = Stopwatch.GetTimestamp();
            var (result, _) = await client.CatchUpAsync(a, null, userId, ct).ConfigureAwait(false);
            run.Record("catchup", start, result, force: true);
        }

        run.Notes.Enqueue($"after a {run.Options.ParamD("drain", 5)} s drain, {websocketMissing} deliveries had not arrived over websockets; those receivers then fetched GET /v8/notifications (catch-up) before missing was counted");
        await stopReceivers.CancelAsync().ConfigureAwait(false);
        foreach (var (_, ws) in sockets)
        {
            await client.CloseAsync(ws).ConfigureAwait(false);
        }

        await Task.WhenAll(receivers).ConfigureAwait(false);
        stopReceivers.Dispose();
    }
}
