using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Brig.Internal;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Services;

namespace WireEdge.Brig.Tests.Clients;

/// <summary>IBrigInternal in-process and over brig's internal HTTP endpoints give the same answers.</summary>
public abstract class BrigInternalTests(DeviceHost host)
{
    private const string D = DeviceHost.Domain;

    [Fact]
    public async Task LocalAndHttp_AgreeOnClientsConnectionsUsersAndActivity()
    {
        var alice = await host.RegisterAsync("Alice");
        var bob = await host.RegisterAsync("Bob");
        var carol = await host.RegisterAsync("Carol");
        var aliceClient = ClientId.Parse(await host.AddClientAsync(alice));
        await host.JsonAsync(HttpMethod.Post, $"/connections/{D}/{bob.Id}", alice, expected: HttpStatusCode.Created);
        await host.JsonAsync(HttpMethod.Put, $"/connections/{D}/{alice.Id}", bob, new JsonObject { ["status"] = "accepted" });
        await host.JsonAsync(HttpMethod.Post, $"/connections/{D}/{carol.Id}", alice, expected: HttpStatusCode.Created);

        var local = host.Host.Services.GetRequiredService<IBrigInternal>();
        using var http = new HttpClient { BaseAddress = host.Host.InternalUri };
        var remote = new HttpBrigInternal(http);
        var unknown = Guid.NewGuid();

        foreach (var brig in new IBrigInternal[] { local, remote })
        {
            var clients = await brig.GetClientsAsync([alice.Id, bob.Id, unknown]);
            Assert.Equal([aliceClient], clients[alice.Id]);
            Assert.Empty(clients[bob.Id]);
            Assert.False(clients.ContainsKey(unknown));

            Assert.Equal([bob.Id], await brig.GetAcceptedConnectionsAsync(alice.Id, [bob.Id, carol.Id, unknown]));

            var users = await brig.GetUsersAsync([alice.Id, unknown]);
            Assert.Equal("Alice", Assert.Single(users).Name);
        }

        await remote.MarkClientActiveAsync(alice.Id, aliceClient);
        var client = await host.JsonAsync(HttpMethod.Get, $"/clients/{aliceClient}", alice);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", client["last_active"]!.GetValue<string>());
    }

    [Fact]
    public async Task InternalEndpoints_AreNotReachableOnThePublicListener()
    {
        Assert.NotNull(host.Host.PublicUri);
        using var response = await host.Host.Public.PostAsync("/i/clients/list", new StringContent("{\"users\":[]}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class BrigInternalSqliteTests(SqliteDeviceHost host) : BrigInternalTests(host), IClassFixture<SqliteDeviceHost>;

public sealed class BrigInternalPostgresTests(PostgresDeviceHost host) : BrigInternalTests(host), IClassFixture<PostgresDeviceHost>;
