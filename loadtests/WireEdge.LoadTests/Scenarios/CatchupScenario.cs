using System.Diagnostics;
using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Scenarios;

/// <summary>
/// Notification catch-up after reconnect. Each user (closed model, one account per user) loops: while offline,
/// <c>messages</c> (default 10) events are pushed to it through <c>POST /i/push/v2</c> (step <c>push</c>); then it
/// reconnects (<c>/await</c> open + close, step <c>reconnect</c>) and pages <c>GET /v8/notifications?since=</c>
/// from its last seen id (step <c>catchup</c>). Every event is checked by the delivery oracle.
/// </summary>
public sealed class CatchupScenario : Scenario
{
    private WireClient client = null!;
    private List<Account> accounts = [];
    private string?[] lastIds = [];
    private long[] seqs = [];

    public override string Name => "catchup";

    public override async Task SetupAsync(RunContext run, CancellationToken ct)
    {
        client = new WireClient(run);
        accounts = await client.CreateAccountsAsync(run.Options.Users, ct).ConfigureAwait(false);
        lastIds = new string?[accounts.Count];
        seqs = new long[accounts.Count];
    }

    public override async Task IterationAsync(VuContext vu, CancellationToken ct)
    {
        var i = vu.Vu % accounts.Count;
        var a = accounts[i];
        var stream = "u" + i;
        var messages = vu.Run.Options.Param("messages", 10);
        for (var k = 0; k < messages; k++)
        {
            var seq = ++seqs[i];
            var r = await vu.StepAsync("push", c => client.PushAsync([a.UserId], stream, seq, c), ct).ConfigureAwait(false);
            if (r.Ok)
            {
                vu.Run.Oracle.Acknowledged(stream, seq, [a.UserId]);
            }
        }

        if (vu.Run.Options.Param("reconnect", 1) != 0)
        {
            await vu.StepAsync("reconnect", async c =>
            {
                var (result, ws) = await client.ConnectAsync(a, c).ConfigureAwait(false);
                if (ws is not null)
                {
                    await client.CloseAsync(ws).ConfigureAwait(false);
                }

                return result;
            }, ct).ConfigureAwait(false);
        }

        await vu.StepAsync("catchup", async c =>
        {
            var (result, last) = await client.CatchUpAsync(a, lastIds[i], a.UserId, c).ConfigureAwait(false);
            lastIds[i] = last;
            return result;
        }, ct).ConfigureAwait(false);
    }

    public override async Task TeardownAsync(RunContext run, CancellationToken ct)
    {
        // Pushes acknowledged in the last, interrupted iterations: one final catch-up per account.
        for (var i = 0; i < accounts.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var (result, last) = await client.CatchUpAsync(accounts[i], lastIds[i], accounts[i].UserId, ct).ConfigureAwait(false);
            lastIds[i] = last;
            run.Record("setup:final-catchup", start, result, force: true);
        }
    }
}
