using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Brig.Connections;
using WireEdge.Brig.Tests.Clients;
using WireEdge.Contracts.Services;
using WireEdge.Storage.Connections;

namespace WireEdge.Brig.Tests.Connections;

public abstract class ConnectionEndpointTests(DeviceHost host)
{
    private const string D = DeviceHost.Domain;

    [Fact]
    public async Task Connect_ThenAccept_BothSidesSeeTheRightStatusAndEvents()
    {
        var alice = await host.RegisterAsync("Alice");
        var bob = await host.RegisterAsync("Bob");
        var aliceClient = await host.AddClientAsync(alice, prekeys: 1);
        var bobClient = await host.AddClientAsync(bob, prekeys: 1);

        // The official client posts an empty body with a JSON content type.
        using var created = await host.SendAsync(HttpMethod.Post, $"/connections/{D}/{bob.Id}", alice, string.Empty);
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdText);
        var sent = JsonNode.Parse(createdText)!;
        Assert.Equal(alice.Id.ToString(), sent["from"]!.GetValue<string>());
        Assert.Equal(bob.Id.ToString(), sent["to"]!.GetValue<string>());
        Assert.Equal(bob.Id.ToString(), sent["qualified_to"]!["id"]!.GetValue<string>());
        Assert.Equal(D, sent["qualified_to"]!["domain"]!.GetValue<string>());
        Assert.Equal("sent", sent["status"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", sent["last_update"]!.GetValue<string>());
        if (host.Host.Services.GetService<IGalleyInternal>() is null)
        {
            Assert.Null(sent["conversation"]);
        }
        else
        {
            Assert.Equal(sent["conversation"]!.GetValue<string>(), sent["qualified_conversation"]!["id"]!.GetValue<string>());
            Assert.Equal(D, sent["qualified_conversation"]!["domain"]!.GetValue<string>());
        }

        var again = await host.JsonAsync(HttpMethod.Post, $"/connections/{D}/{bob.Id}", alice, expected: HttpStatusCode.OK);
        Assert.Equal("sent", again["status"]!.GetValue<string>());

        var pending = await host.JsonAsync(HttpMethod.Get, $"/connections/{D}/{alice.Id}", bob);
        Assert.Equal("pending", pending["status"]!.GetValue<string>());

        var accepted = await host.JsonAsync(HttpMethod.Put, $"/connections/{D}/{alice.Id}", bob, new JsonObject { ["status"] = "accepted" });
        Assert.Equal("accepted", accepted["status"]!.GetValue<string>());
        Assert.Equal("accepted", (await host.JsonAsync(HttpMethod.Get, $"/connections/{D}/{bob.Id}", alice))["status"]!.GetValue<string>());

        using var unchanged = await host.SendAsync(HttpMethod.Put, $"/connections/{D}/{alice.Id}", bob, new JsonObject { ["status"] = "accepted" });
        Assert.Equal(HttpStatusCode.NoContent, unchanged.StatusCode);

        var aliceEvents = (await host.EventsAsync(alice, aliceClient)).Where(e => e["type"]!.GetValue<string>() == "user.connection").ToList();
        var bobEvents = (await host.EventsAsync(bob, bobClient)).Where(e => e["type"]!.GetValue<string>() == "user.connection").ToList();
        Assert.Equal(["sent", "accepted"], aliceEvents.Select(e => e["connection"]!["status"]!.GetValue<string>()));
        Assert.Equal(["pending", "accepted"], bobEvents.Select(e => e["connection"]!["status"]!.GetValue<string>()));
        Assert.Equal("Alice", bobEvents[0]["user"]!["name"]!.GetValue<string>());
        Assert.Equal(bob.Id.ToString(), bobEvents[0]["connection"]!["from"]!.GetValue<string>());
    }

    [Fact]
    public async Task Connect_BadTargets_Return400InvalidUser()
    {
        var alice = await host.RegisterAsync();
        foreach (var path in new[] { $"/connections/{D}/{alice.Id}", $"/connections/{D}/{Guid.NewGuid()}", $"/connections/{D}/not-a-uuid", $"/connections/other.example.org/{Guid.NewGuid()}" })
        {
            using var response = await host.SendAsync(HttpMethod.Post, path, alice, string.Empty);
            await DeviceHost.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid-user");
        }

        var page = await host.JsonAsync(HttpMethod.Post, "/list-connections", alice, new JsonObject());
        Assert.Empty(page["connections"]!.AsArray());
    }

    [Fact]
    public async Task Update_Errors()
    {
        var alice = await host.RegisterAsync();
        var bob = await host.RegisterAsync("Bob");
        using (var notConnected = await host.SendAsync(HttpMethod.Put, $"/connections/{D}/{bob.Id}", alice, new JsonObject { ["status"] = "accepted" }))
        {
            await DeviceHost.AssertErrorAsync(notConnected, HttpStatusCode.Forbidden, "not-connected");
        }

        await host.JsonAsync(HttpMethod.Post, $"/connections/{D}/{bob.Id}", alice, expected: HttpStatusCode.Created);
        using (var selfAccept = await host.SendAsync(HttpMethod.Put, $"/connections/{D}/{bob.Id}", alice, new JsonObject { ["status"] = "accepted" }))
        {
            await DeviceHost.AssertErrorAsync(selfAccept, HttpStatusCode.Forbidden, "bad-conn-update");
        }

        using (var unknownStatus = await host.SendAsync(HttpMethod.Put, $"/connections/{D}/{bob.Id}", alice, new JsonObject { ["status"] = "friends" }))
        {
            await DeviceHost.AssertErrorAsync(unknownStatus, HttpStatusCode.BadRequest, "bad-request");
        }

        foreach (var bad in new[] { "{\"status\":", string.Empty, "{}", "{\"status\":42}" })
        {
            using var malformed = await host.SendAsync(HttpMethod.Put, $"/connections/{D}/{bob.Id}", alice, bad);
            await DeviceHost.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "bad-request");
        }

        Assert.Equal("sent", (await host.JsonAsync(HttpMethod.Get, $"/connections/{D}/{bob.Id}", alice))["status"]!.GetValue<string>());
        using var missing = await host.SendAsync(HttpMethod.Get, $"/connections/{D}/{Guid.NewGuid()}", alice);
        await DeviceHost.AssertErrorAsync(missing, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Cancel_Ignore_Block_AreSeenByTheRightSide()
    {
        var alice = await host.RegisterAsync();
        var bob = await host.RegisterAsync("Bob");
        await host.JsonAsync(HttpMethod.Post, $"/connections/{D}/{bob.Id}", alice, expected: HttpStatusCode.Created);
        var cancelled = await host.JsonAsync(HttpMethod.Put, $"/connections/{D}/{bob.Id}", alice, new JsonObject { ["status"] = "cancelled" });
        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal("cancelled", (await host.JsonAsync(HttpMethod.Get, $"/connections/{D}/{alice.Id}", bob))["status"]!.GetValue<string>());

        var resent = await host.JsonAsync(HttpMethod.Post, $"/connections/{D}/{bob.Id}", alice);
        Assert.Equal("sent", resent["status"]!.GetValue<string>());
        var ignored = await host.JsonAsync(HttpMethod.Put, $"/connections/{D}/{alice.Id}", bob, new JsonObject { ["status"] = "ignored" });
        Assert.Equal("ignored", ignored["status"]!.GetValue<string>());
        Assert.Equal("sent", (await host.JsonAsync(HttpMethod.Get, $"/connections/{D}/{bob.Id}", alice))["status"]!.GetValue<string>());

        var blocked = await host.JsonAsync(HttpMethod.Put, $"/connections/{D}/{alice.Id}", bob, new JsonObject { ["status"] = "blocked" });
        Assert.Equal("blocked", blocked["status"]!.GetValue<string>());
        using var connectBlocked = await host.SendAsync(HttpMethod.Post, $"/connections/{D}/{alice.Id}", bob, string.Empty);
        await DeviceHost.AssertErrorAsync(connectBlocked, HttpStatusCode.Forbidden, "bad-conn-update");
        Assert.Equal("sent", (await host.JsonAsync(HttpMethod.Get, $"/connections/{D}/{bob.Id}", alice))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListConnections_PagesThroughEverything()
    {
        var alice = await host.RegisterAsync();
        var others = new List<TestUser>();
        for (var i = 0; i < 5; i++)
        {
            var other = await host.RegisterAsync("Other");
            others.Add(other);
            await host.JsonAsync(HttpMethod.Post, $"/connections/{D}/{other.Id}", alice, expected: HttpStatusCode.Created);
        }

        var seen = new List<string>();
        string? state = null;
        for (var page = 0; page < 10; page++)
        {
            var body = new JsonObject { ["size"] = 2 };
            if (state is not null)
            {
                body["paging_state"] = state;
            }

            var result = await host.JsonAsync(HttpMethod.Post, "/list-connections", alice, body);
            seen.AddRange(result["connections"]!.AsArray().Select(c => c!["to"]!.GetValue<string>()));
            state = result["paging_state"]!.GetValue<string>();
            if (!result["has_more"]!.GetValue<bool>())
            {
                break;
            }
        }

        Assert.Equal(others.Select(o => o.Id.ToString()).Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());

        foreach (var bad in new[] { "{\"size\":0}", "{\"size\":501}", "{\"paging_state\":\"!!!\"}", "{\"size\":\"x\"}" })
        {
            using var response = await host.SendAsync(HttpMethod.Post, "/list-connections", alice, bad);
            await DeviceHost.AssertErrorAsync(response, HttpStatusCode.BadRequest, "bad-request");
        }
    }

    [Fact]
    public async Task Connect_BeyondTheLimit_Returns403ConnectionLimit()
    {
        var alice = await host.RegisterAsync();
        var bob = await host.RegisterAsync("Bob");
        var db = host.Host.Services.GetRequiredService<IDbConnectionFactory>();
        await using (var c = await db.OpenAsync())
        {
            await using var tx = await c.BeginTransactionAsync();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < ConnectionRules.MaxConnections; i++)
            {
                await using var cmd = c.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = $"INSERT INTO brig_connections (from_user, to_user, to_domain, status, last_update_ms) VALUES ('{alice.Id}', '{Guid.NewGuid()}', 'wire.example.com', 'sent', {now})";
                await cmd.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
        }

        using var response = await host.SendAsync(HttpMethod.Post, $"/connections/{D}/{bob.Id}", alice, string.Empty);
        await DeviceHost.AssertErrorAsync(response, HttpStatusCode.Forbidden, "connection-limit");
        using var missing = await host.SendAsync(HttpMethod.Get, $"/connections/{D}/{alice.Id}", bob);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

public sealed class ConnectionEndpointSqliteTests(SqliteDeviceHost host) : ConnectionEndpointTests(host), IClassFixture<SqliteDeviceHost>;

public sealed class ConnectionEndpointPostgresTests(PostgresDeviceHost host) : ConnectionEndpointTests(host), IClassFixture<PostgresDeviceHost>;
