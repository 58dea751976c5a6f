using System.Net;
using System.Text.Json.Nodes;

namespace WireEdge.Brig.Tests.Clients;

public abstract class PrekeyEndpointTests(DeviceHost host)
{
    private const string D = DeviceHost.Domain;

    [Fact]
    public async Task ClaimOne_ConsumesLowestPrekeyThenFallsBackToLastResort()
    {
        var (owner, client) = await OwnerWithClientAsync(prekeys: 3);
        var caller = await host.RegisterAsync("Bob");
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var claimed = await host.JsonAsync(HttpMethod.Get, $"/users/{D}/{owner.Id}/prekeys/{client}", caller);
            Assert.Equal(client, claimed["client"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(claimed["prekey"]!["key"]!.GetValue<string>()));
            ids.Add(claimed["prekey"]!["id"]!.GetValue<int>());
        }

        Assert.Equal([0, 1, 2, 65535, 65535], ids);
        Assert.Equal("[65535]", DeviceHost.Compact(await host.JsonAsync(HttpMethod.Get, $"/clients/{client}/prekeys", owner)));
    }

    [Fact]
    public async Task ClaimOne_Errors()
    {
        var (owner, _) = await OwnerWithClientAsync(prekeys: 1);
        using (var unknown = await host.SendAsync(HttpMethod.Get, $"/users/{D}/{owner.Id}/prekeys/123abc", owner))
        {
            await DeviceHost.AssertErrorAsync(unknown, HttpStatusCode.NotFound, "client-not-found");
        }

        using (var unknownUser = await host.SendAsync(HttpMethod.Get, $"/users/{D}/{Guid.NewGuid()}/prekeys/123abc", owner))
        {
            await DeviceHost.AssertErrorAsync(unknownUser, HttpStatusCode.NotFound, "client-not-found");
        }

        using var malformed = await host.SendAsync(HttpMethod.Get, $"/users/{D}/not-a-uuid/prekeys/1", owner);
        await DeviceHost.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Bundle_ClaimsOnePrekeyOfEveryClient()
    {
        var owner = await host.RegisterAsync();
        var a = await host.AddClientAsync(owner, prekeys: 2);
        var b = await host.AddClientAsync(owner, prekeys: 2);
        var caller = await host.RegisterAsync("Bob");
        var bundle = await host.JsonAsync(HttpMethod.Get, $"/users/{D}/{owner.Id}/prekeys", caller);
        Assert.Equal(owner.Id.ToString(), bundle["user"]!.GetValue<string>());
        var clients = bundle["clients"]!.AsArray().ToDictionary(c => c!["client"]!.GetValue<string>(), c => c!["prekey"]!["id"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { [a] = 0, [b] = 0 }, clients);
        Assert.Equal("[1,65535]", DeviceHost.Compact(await host.JsonAsync(HttpMethod.Get, $"/clients/{a}/prekeys", owner)));

        var nobody = await host.JsonAsync(HttpMethod.Get, $"/users/{D}/{Guid.NewGuid()}/prekeys", caller);
        Assert.Empty(nobody["clients"]!.AsArray());
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(8, true)]
    [InlineData(3, false)]
    public async Task ListPrekeys_ClaimsPerClient_UnknownClientIsNull(int version, bool wrapped)
    {
        var (owner, client) = await OwnerWithClientAsync(prekeys: 2);
        var caller = await host.RegisterAsync("Bob");
        var body = new JsonObject { [D] = new JsonObject { [owner.Id.ToString()] = new JsonArray(client, "ffff") } };
        var result = await host.JsonAsync(HttpMethod.Post, "/users/list-prekeys", caller, body, version: version);
        var map = wrapped ? result["qualified_user_client_prekeys"]! : result;
        var byClient = map[D]![owner.Id.ToString()]!;
        Assert.Equal(0, byClient[client]!["id"]!.GetValue<int>());
        Assert.True(byClient.AsObject().ContainsKey("ffff"));
        Assert.Null(byClient["ffff"]);
        if (wrapped)
        {
            Assert.Empty(result["failed_to_list"]!.AsArray());
        }
        else
        {
            Assert.Null(result["qualified_user_client_prekeys"]);
        }
    }

    [Fact]
    public async Task ListPrekeys_BadBodies_Return400()
    {
        var caller = await host.RegisterAsync();
        foreach (var bad in new[] { "{\"a\":{\"not-a-uuid\":[\"1\"]}}", "{\"a\":{\"" + Guid.NewGuid() + "\":[\"xyz\"]}}", string.Empty, "[]" })
        {
            using var malformed = await host.SendAsync(HttpMethod.Post, "/users/list-prekeys", caller, bad);
            await DeviceHost.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "bad-request");
        }

        var tooMany = new JsonObject();
        var users = new JsonObject();
        for (var i = 0; i < 501; i++)
        {
            users[Guid.NewGuid().ToString()] = new JsonArray("1");
        }

        tooMany[D] = users;
        using var response = await host.SendAsync(HttpMethod.Post, "/users/list-prekeys", caller, tooMany);
        await DeviceHost.AssertErrorAsync(response, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task UserClients_ListIdAndClass()
    {
        var (owner, client) = await OwnerWithClientAsync(prekeys: 1);
        var caller = await host.RegisterAsync("Bob");
        var list = await host.JsonAsync(HttpMethod.Get, $"/users/{D}/{owner.Id}/clients", caller);
        Assert.Equal($"[{{\"id\":\"{client}\",\"class\":\"desktop\"}}]", DeviceHost.Compact(list));

        var both = await host.JsonAsync(HttpMethod.Post, "/users/list-clients", caller, new JsonObject
        {
            ["qualified_users"] = new JsonArray(
                new JsonObject { ["id"] = owner.Id.ToString(), ["domain"] = D },
                new JsonObject { ["id"] = caller.Id.ToString(), ["domain"] = D }),
        });
        var map = both["qualified_user_map"]![D]!;
        Assert.Equal(client, map[owner.Id.ToString()]![0]!["id"]!.GetValue<string>());
        Assert.Empty(map[caller.Id.ToString()]!.AsArray());

        // v0–v1 clients use the older path with the same body and answer.
        var old = await host.JsonAsync(HttpMethod.Post, "/users/list-clients/v2", caller, new JsonObject
        {
            ["qualified_users"] = new JsonArray(new JsonObject { ["id"] = owner.Id.ToString(), ["domain"] = D }),
        }, version: 1);
        Assert.Equal(client, old["qualified_user_map"]![D]![owner.Id.ToString()]![0]!["id"]!.GetValue<string>());

        foreach (var bad in new[] { "{\"qualified_users\":[{\"id\":\"x\"}]}", string.Empty, "[]" })
        {
            using var malformed = await host.SendAsync(HttpMethod.Post, "/users/list-clients", caller, bad);
            await DeviceHost.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "bad-request");
        }
    }

    [Theory]
    [InlineData(20)]
    [InlineData(50)]
    public async Task Claims_50InParallel_HandOutEachPrekeyAtMostOnce(int prekeys)
    {
        const int claims = 50;
        var (owner, client) = await OwnerWithClientAsync(prekeys);
        var callers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.RegisterAsync("Claimer")));
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, claims).Select(async i =>
        {
            await start.Task;
            var claimed = await host.JsonAsync(HttpMethod.Get, $"/users/{D}/{owner.Id}/prekeys/{client}", callers[i % callers.Length]);
            return claimed["prekey"]!["id"]!.GetValue<int>();
        }).ToList();
        start.SetResult();
        var ids = await Task.WhenAll(tasks);

        var real = ids.Where(id => id != 65535).ToList();
        Assert.Equal(real.Count, real.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, Math.Min(prekeys, claims)).ToList(), real.Order().ToList());
        Assert.Equal(claims - Math.Min(prekeys, claims), ids.Count(id => id == 65535));
        var left = await host.JsonAsync(HttpMethod.Get, $"/clients/{client}/prekeys", owner);
        Assert.Equal("[65535]", DeviceHost.Compact(left));
    }

    private async Task<(TestUser Owner, string Client)> OwnerWithClientAsync(int prekeys)
    {
        var owner = await host.RegisterAsync();
        return (owner, await host.AddClientAsync(owner, prekeys: prekeys));
    }
}

public sealed class PrekeyEndpointSqliteTests(SqliteDeviceHost host) : PrekeyEndpointTests(host), IClassFixture<SqliteDeviceHost>;

public sealed class PrekeyEndpointPostgresTests(PostgresDeviceHost host) : PrekeyEndpointTests(host), IClassFixture<PostgresDeviceHost>;
