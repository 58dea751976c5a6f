using System.Net.Http.Headers;
using WireEdge.LoadTests.Core;

namespace WireEdge.LoadTests.Scenarios;

/// <summary>Login storm: accounts registered in setup (param <c>accounts</c>, default = users); each iteration
/// POST /v8/login (Argon2id verification) then POST /access with the returned cookie.</summary>
public sealed class LoginStormScenario : Scenario
{
    private WireClient client = null!;
    private List<Account> accounts = [];

    public override string Name => "login-storm";

    public override async Task SetupAsync(RunContext run, CancellationToken ct)
    {
        client = new WireClient(run);
        accounts = await client.CreateAccountsAsync(run.Options.Param("accounts", Math.Min(run.Options.Users, 200)), ct).ConfigureAwait(false);
    }

    public override async Task IterationAsync(VuContext vu, CancellationToken ct)
    {
        var a = accounts[(int)(vu.Iteration % accounts.Count)];
        Account? login = null;
        var r = await vu.StepAsync("login", async c =>
        {
            var (result, acc) = await client.LoginAsync(a.Email, c).ConfigureAwait(false);
            login = acc;
            return result;
        }, ct).ConfigureAwait(false);
        if (!r.Ok || login is null)
        {
            return;
        }

        await vu.StepAsync("access", async c =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, client.Url("/access")) { Content = new ByteArrayContent([]) };
            request.Headers.Add("Cookie", login.Cookie);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", login.Token);
            var (result, _, response) = await client.SendAsync(request, c).ConfigureAwait(false);
            response?.Dispose();
            return result;
        }, ct).ConfigureAwait(false);
    }
}
