using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Brig.Passwords;
using WireEdge.Brig.Tests.Accounts;
using WireEdge.Storage.Connections;

namespace WireEdge.Brig.Tests.Auth;

/// <summary>A host with a real Argon2 cost and one hashing slot.</summary>
public sealed class ExpensiveHashHost() : BrigHostFixture(StorageKind.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["Brig:Argon2:MemoryKiB"] = "8192",
        ["Brig:Argon2:Passes"] = "2",
        ["Brig:Argon2:Concurrency"] = "1",
    };
}

public sealed class LoginStormTests(ExpensiveHashHost fixture) : IClassFixture<ExpensiveHashHost>
{
    [Fact]
    public async Task LoginStorm_HashesOneAtATime_WhileCheapEndpointsKeepAnswering()
    {
        var api = fixture.Api;
        var user = await api.RegisterAsync();
        var hasher = fixture.Host.Services.GetRequiredService<PasswordHasher>();

        var storm = Task.WhenAll(Enumerable.Range(0, 12).Select(_ => api.LoginAsync(user.Email, user.Password)));
        var probes = new List<TimeSpan>();
        while (!storm.IsCompleted && probes.Count < 50)
        {
            var t = Stopwatch.GetTimestamp();
            var r = await api.SendAsync(HttpMethod.Get, "/api-version");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var self = await api.SendAsync(HttpMethod.Get, "/v8/self", token: user.Token);
            Assert.Equal(HttpStatusCode.OK, self.StatusCode);
            probes.Add(Stopwatch.GetElapsedTime(t));
        }

        var logins = await storm;

        Assert.All(logins, l => Assert.Equal(HttpStatusCode.OK, l.StatusCode));
        Assert.Equal(1, hasher.PeakRunning);
        // Cheap endpoints answered (200) while logins were queued behind the single hashing slot.
        // Their latency is measured in bench/ (BrigAuthScenario), not asserted here.
        Assert.NotEmpty(probes);
    }
}
