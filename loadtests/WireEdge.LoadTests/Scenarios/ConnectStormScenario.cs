using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Scenarios;

/// <summary>Connect storm and idle hold: every user opens one <c>/await</c> socket (ramped), then holds it to the
/// end of the run, sending an application <c>ping</c> every <c>ping_interval</c> seconds (default 10) and timing the
/// <c>pong</c> (step <c>ping</c>). A socket the server closes early counts as a failed <c>hold</c> with its close code.</summary>
public sealed class ConnectStormScenario : Scenario
{
    private static readonly byte[] Ping = Encoding.ASCII.GetBytes("ping");
    private WireClient client = null!;
    private List<Account> accounts = [];

    public override string Name => "connect-storm";

    public override async Task SetupAsync(RunContext run, CancellationToken ct)
    {
        client = new WireClient(run);
        accounts = await client.CreateAccountsAsync(run.Options.Users, ct).ConfigureAwait(false);
    }

    public override async Task IterationAsync(VuContext vu, CancellationToken ct)
    {
        var a = accounts[vu.Vu % accounts.Count];
        ClientWebSocket? ws = null;
        var r = await vu.StepAsync("ws-connect", async c =>
        {
            var (result, socket) = await client.ConnectAsync(a, c).ConfigureAwait(false);
            ws = socket;
            return result;
        }, ct).ConfigureAwait(false);
        if (!r.Ok || ws is null)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            return;
        }

        var interval = TimeSpan.FromSeconds(vu.Run.Options.ParamD("ping_interval", 10));
        var buffer = new byte[64 * 1024];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(interval, ct).ConfigureAwait(false);
                var pong = await vu.StepAsync("ping", async c =>
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(c);
                    timeout.CancelAfter(TimeSpan.FromSeconds(10));
                    await ws.SendAsync(Ping, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
                    while (true)
                    {
                        var m = await WireClient.ReceiveAsync(ws, buffer, timeout.Token).ConfigureAwait(false);
                        if (m is null)
                        {
                            return StepResult.Failure("close-" + (int?)ws.CloseStatus);
                        }

                        if (m.Value.Data.AsSpan().SequenceEqual("pong"u8))
                        {
                            return StepResult.Success("pong", m.Value.Data.Count);
                        }
                    }
                }, ct).ConfigureAwait(false);
                if (!pong.Ok && ws.State != WebSocketState.Open)
                {
                    vu.Run.Record("hold", Stopwatch.GetTimestamp(), StepResult.Failure("closed-" + (int?)ws.CloseStatus));
                    return;
                }
            }
        }
        finally
        {
            if (ws.State == WebSocketState.Open)
            {
                vu.Run.Record("hold", Stopwatch.GetTimestamp(), StepResult.Success("held"), force: true);
            }

            await client.CloseAsync(ws).ConfigureAwait(false);
        }
    }
}
