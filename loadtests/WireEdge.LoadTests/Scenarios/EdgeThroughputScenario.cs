using System.Net.Http.Headers;
using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Scenarios;

/// <summary>Edge throughput: GET /v8/self with a bearer token (token check, routing, forwarding to brig).
/// Param <c>accounts</c> (default 4) accounts are logged in during setup and used round-robin.</summary>
public sealed class EdgeThroughputScenario : Scenario
{
    private WireClient client = null!;
    private List<Account> accounts = [];

    public override string Name => "edge-throughput";

    public override async Task SetupAsync(RunContext run, CancellationToken ct)
    {
        client = new WireClient(run);
        accounts = await client.CreateAccountsAsync(run.Options.Param("accounts", 4), ct).ConfigureAwait(false);
    }

    public override async Task IterationAsync(VuContext vu, CancellationToken ct)
    {
        var a = accounts[(int)(vu.Iteration % accounts.Count)];
        await vu.StepAsync("self", async c =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, client.Url("/v8/self"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", a.Token);
            var (result, _, response) = await client.SendAsync(request, c).ConfigureAwait(false);
            response?.Dispose();
            return result;
        }, ct).ConfigureAwait(false);
    }
}
