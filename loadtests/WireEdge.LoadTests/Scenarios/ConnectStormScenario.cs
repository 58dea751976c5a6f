using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Scenarios;

/// <summary>Connect storm and idle hold: every user opens one <c>/await</c> socket (ramped), then holds it to the
/// end of the run, sending an application <c>ping</c> every <c>ping_interval</c> seconds (default 10) and timing the
/// <c>pong</c> (step <c>ping</c>). A socket the server closes early counts as a failed <c>hold</c> with its close code.
/// Param <c>accounts</c> (default = users): fewer accounts than users share them; every further socket of an account
/// gets its own access token from <c>POST /access</c> (cookie only, so a fresh connection id: cannon replaces a socket
/// of the same user and connection) and its own client id. Registration is Argon2-bound; a CI run needs sockets, not
/// hundreds of accounts.</summary>
public sealed class ConnectStormScenario : Scenario
{
    private static readonly byte[] Ping = Encoding.ASCII.GetBytes("ping");
    private WireClient client = null!;
    private List<Account> accounts = [];

    public override string Name => "connect-storm";

    public override async Task SetupAsync(RunContext run, CancellationToken ct)
    {
        client = new WireClient(run);
        var registered = await client.CreateAccountsAsync(Math.Clamp(run.Options.Param("accounts", run.Options.Users), 1, run.Options.Users), ct).ConfigureAwait(false);
        var all = new Account[run.Options.Users];
        await Parallel.ForAsync(0, all.Length, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var a = registered[i % registered.Count];
            all[i] = i < registered.Count ? a : await FreshConnectionAsync(run, a, i, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        accounts = [.. all];
    }

    private async Task<Account> FreshConnectionAsync(RunContext run, Account a, int vu, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, client.Url("/access")) { Content = new ByteArrayContent([]) };
        request.Headers.Add("Cookie", a.Cookie);
        var (result, body, response) = await client.SendAsync(request, ct).ConfigureAwait(false);
        response?.Dispose();
        run.Record("setup:access", start, result, force: true);
        if (!result.Ok)
        {
            throw new ScenarioSetupException($"POST /access answered {result.Code}");
        }

        using var doc = System.Text.Json.JsonDocument.Parse(body);
        var token = doc.RootElement.GetProperty("access_token").GetString() ?? "";
        return a with { Token = token, ClientId = Convert.ToHexStringLower(BitConverter.GetBytes((ulong)vu + 1)) };
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
