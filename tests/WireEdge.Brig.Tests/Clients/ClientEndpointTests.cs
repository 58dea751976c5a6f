using System.Net;
using System.Text.Json.Nodes;
using WireEdge.Brig.Clients;

namespace WireEdge.Brig.Tests.Clients;

public abstract class ClientEndpointTests(DeviceHost host)
{
    [Fact]
    public async Task PostClient_First_Returns201WithIdFromLastKeyAndLocation()
    {
        var user = await host.RegisterAsync();
        var lastKey = DeviceHost.RandomKey();
        using var response = await host.SendAsync(HttpMethod.Post, "/clients", user, DeviceHost.NewClient(lastKey: lastKey));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var client = JsonNode.Parse(text)!;
        var expected = ClientRules.ClientIdFromLastKey(lastKey).ToString();
        Assert.Equal(expected, client["id"]!.GetValue<string>());
        Assert.Equal("/clients/" + expected, response.Headers.Location?.ToString());
        Assert.Equal("permanent", client["type"]!.GetValue<string>());
        Assert.Equal("desktop", client["class"]!.GetValue<string>());
        Assert.Equal("test device", client["label"]!.GetValue<string>());
        Assert.Equal("xunit", client["model"]!.GetValue<string>());
        Assert.Equal("cookie-label", client["cookie"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", client["time"]!.GetValue<string>());
        Assert.Equal("[\"legalhold-implicit-consent\"]", DeviceHost.Compact(client["capabilities"]!));
        Assert.Equal("{}", DeviceHost.Compact(client["mls_public_keys"]!));
    }

    [Theory]
    [InlineData(6, "{\"capabilities\":[\"legalhold-implicit-consent\"]}")]
    [InlineData(7, "[\"legalhold-implicit-consent\"]")]
    [InlineData(8, "[\"legalhold-implicit-consent\"]")]
    public async Task PostClient_CapabilitiesRenderPerVersion_AndBothInputFormsAreAccepted(int version, string rendered)
    {
        var user = await host.RegisterAsync();
        var objectForm = new JsonObject { ["capabilities"] = new JsonArray("legalhold-implicit-consent") };
        var created = await host.JsonAsync(HttpMethod.Post, "/clients", user, DeviceHost.NewClient(capabilities: objectForm), HttpStatusCode.Created, version);
        Assert.Equal(rendered, DeviceHost.Compact(created["capabilities"]!));
        var listed = await host.JsonAsync(HttpMethod.Get, "/clients", user, version: version);
        Assert.Equal(rendered, DeviceHost.Compact(listed[0]!["capabilities"]!));
    }

    [Fact]
    public async Task PostClient_SameLastKeyAgain_UpdatesTheClientWithoutPassword()
    {
        var user = await host.RegisterAsync();
        var lastKey = DeviceHost.RandomKey();
        var first = await host.JsonAsync(HttpMethod.Post, "/clients", user, DeviceHost.NewClient(lastKey: lastKey), HttpStatusCode.Created);
        var again = DeviceHost.NewClient(lastKey: lastKey, prekeys: 2);
        again["label"] = "renamed";
        var second = await host.JsonAsync(HttpMethod.Post, "/clients", user, again, HttpStatusCode.Created);
        Assert.Equal(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
        Assert.Equal("renamed", second["label"]!.GetValue<string>());
        var all = await host.JsonAsync(HttpMethod.Get, "/clients", user);
        Assert.Single(all.AsArray());
    }

    [Fact]
    public async Task PostClient_SecondPermanent_NeedsThePassword()
    {
        var user = await host.RegisterAsync();
        await host.AddClientAsync(user);

        using (var missing = await host.SendAsync(HttpMethod.Post, "/clients", user, DeviceHost.NewClient()))
        {
            await DeviceHost.AssertErrorAsync(missing, HttpStatusCode.Forbidden, "missing-auth");
        }

        using (var wrong = await host.SendAsync(HttpMethod.Post, "/clients", user, DeviceHost.NewClient(password: "not-the-password")))
        {
            await DeviceHost.AssertErrorAsync(wrong, HttpStatusCode.Forbidden, "invalid-credentials");
        }

        Assert.Single((await host.JsonAsync(HttpMethod.Get, "/clients", user)).AsArray());
        await host.JsonAsync(HttpMethod.Post, "/clients", user, DeviceHost.NewClient(password: user.Password), HttpStatusCode.Created);
        Assert.Equal(2, (await host.JsonAsync(HttpMethod.Get, "/clients", user)).AsArray().Count);
    }

    [Fact]
    public async Task PostClient_TemporaryNextToPermanent_NeedsNoPassword()
    {
        var user = await host.RegisterAsync();
        await host.AddClientAsync(user);
        await host.AddClientAsync(user, "temporary", withPassword: false);
        Assert.Equal(2, (await host.JsonAsync(HttpMethod.Get, "/clients", user)).AsArray().Count);
    }

    [Fact]
    public async Task PostClient_EighthPermanent_Returns403TooManyClients()
    {
        var user = await host.RegisterAsync();
        for (var i = 0; i < ClientRules.MaxPermanentClients; i++)
        {
            await host.AddClientAsync(user, prekeys: 1);
        }

        using var response = await host.SendAsync(HttpMethod.Post, "/clients", user, DeviceHost.NewClient(password: user.Password));
        await DeviceHost.AssertErrorAsync(response, HttpStatusCode.Forbidden, "too-many-clients");
        Assert.Equal(ClientRules.MaxPermanentClients, (await host.JsonAsync(HttpMethod.Get, "/clients", user)).AsArray().Count);
    }

    [Fact]
    public async Task PostClient_SecondTemporary_ReplacesTheFirst()
    {
        var user = await host.RegisterAsync();
        var first = await host.AddClientAsync(user, "temporary");
        var second = await host.AddClientAsync(user, "temporary");
        var all = (await host.JsonAsync(HttpMethod.Get, "/clients", user)).AsArray();
        Assert.Equal(second, Assert.Single(all)!["id"]!.GetValue<string>());
        Assert.NotEqual(first, second);
        var events = await host.EventsAsync(user, second);
        Assert.Contains(events, e => e["type"]!.GetValue<string>() == "user.client-remove" && e["client"]!["id"]!.GetValue<string>() == first);
    }

    public static TheoryData<string, string> BadClients()
    {
        var key = DeviceHost.RandomKey();
        string Body(string prekeys, string lastkey = "{\"id\":65535,\"key\":\"" + "AAAA" + "\"}", string type = "\"permanent\"")
            => $"{{\"type\":{type},\"prekeys\":{prekeys},\"lastkey\":{lastkey}}}";
        var many = "[" + string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"{{\"id\":{i % 65535},\"key\":\"{key}\"}}")) + "]";
        return new TheoryData<string, string>
        {
            { "bad base64 prekey", Body("[{\"id\":1,\"key\":\"not base64!\"}]") },
            { "bad base64 lastkey", Body("[]", "{\"id\":65535,\"key\":\"%%%\"}") },
            { "empty key", Body("[{\"id\":1,\"key\":\"\"}]") },
            { "10000 prekeys", Body(many) },
            { "prekey id above 65535", Body("[{\"id\":65536,\"key\":\"AAAA\"}]") },
            { "negative prekey id", Body("[{\"id\":-1,\"key\":\"AAAA\"}]") },
            { "prekey with the last-resort id", Body("[{\"id\":65535,\"key\":\"AAAA\"}]") },
            { "lastkey id not 65535", Body("[]", "{\"id\":7,\"key\":\"AAAA\"}") },
            { "duplicate prekey ids", Body("[{\"id\":1,\"key\":\"AAAA\"},{\"id\":1,\"key\":\"BBBB\"}]") },
            { "missing lastkey", "{\"type\":\"permanent\",\"prekeys\":[]}" },
            { "missing prekeys", "{\"type\":\"permanent\",\"lastkey\":{\"id\":65535,\"key\":\"AAAA\"}}" },
            { "unknown type", Body("[]", type: "\"forever\"") },
            { "missing type", "{\"prekeys\":[],\"lastkey\":{\"id\":65535,\"key\":\"AAAA\"}}" },
            { "huge number id", Body("[{\"id\":1e40,\"key\":\"AAAA\"}]") },
            { "malformed json", "{\"type\":" },
            { "empty body", "" },
            { "json null", "null" },
            { "not an object", "[1,2,3]" },
            { "bad capabilities", "{\"type\":\"permanent\",\"prekeys\":[],\"lastkey\":{\"id\":65535,\"key\":\"AAAA\"},\"capabilities\":42}" },
        };
    }

    [Theory]
    [MemberData(nameof(BadClients))]
    public async Task PostClient_BadInput_Returns400AndStoresNothing(string why, string body)
    {
        var user = await host.RegisterAsync();
        using var response = await host.SendAsync(HttpMethod.Post, "/clients", user, body);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        await DeviceHost.AssertErrorAsync(response, HttpStatusCode.BadRequest, "bad-request");
        Assert.Empty((await host.JsonAsync(HttpMethod.Get, "/clients", user)).AsArray());
    }

    [Fact]
    public async Task GetClient_OwnClient_IsReturned_UnknownIs404_MalformedIs400()
    {
        var user = await host.RegisterAsync();
        var id = await host.AddClientAsync(user);
        var client = await host.JsonAsync(HttpMethod.Get, "/clients/" + id, user);
        Assert.Equal(id, client["id"]!.GetValue<string>());

        using var unknown = await host.SendAsync(HttpMethod.Get, "/clients/abcdef0123", user);
        await DeviceHost.AssertErrorAsync(unknown, HttpStatusCode.NotFound, "client-not-found");
        using var malformed = await host.SendAsync(HttpMethod.Get, "/clients/not-hex", user);
        await DeviceHost.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "bad-request");

        var other = await host.RegisterAsync("Bob");
        using var foreign = await host.SendAsync(HttpMethod.Get, "/clients/" + id, other);
        await DeviceHost.AssertErrorAsync(foreign, HttpStatusCode.NotFound, "client-not-found");
    }

    [Fact]
    public async Task PutClient_TopsUpPrekeysAndLabel()
    {
        var user = await host.RegisterAsync();
        var id = await host.AddClientAsync(user, prekeys: 2);
        var update = new JsonObject
        {
            ["prekeys"] = new JsonArray(new JsonObject { ["id"] = 10, ["key"] = DeviceHost.RandomKey() }, new JsonObject { ["id"] = 11, ["key"] = DeviceHost.RandomKey() }),
            ["label"] = "new label",
            ["capabilities"] = new JsonArray("legalhold-implicit-consent", "consumable-notifications"),
        };
        using var response = await host.SendAsync(HttpMethod.Put, "/clients/" + id, user, update);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var ids = await host.JsonAsync(HttpMethod.Get, $"/clients/{id}/prekeys", user);
        Assert.Equal("[0,1,10,11,65535]", DeviceHost.Compact(ids));
        var client = await host.JsonAsync(HttpMethod.Get, "/clients/" + id, user);
        Assert.Equal("new label", client["label"]!.GetValue<string>());
        Assert.Equal("[\"legalhold-implicit-consent\",\"consumable-notifications\"]", DeviceHost.Compact(client["capabilities"]!));
    }

    [Fact]
    public async Task PutClient_Errors()
    {
        var user = await host.RegisterAsync();
        var id = await host.AddClientAsync(user, prekeys: 2);
        using (var unknown = await host.SendAsync(HttpMethod.Put, "/clients/1234", user, new JsonObject { ["label"] = "x" }))
        {
            await DeviceHost.AssertErrorAsync(unknown, HttpStatusCode.NotFound, "client-not-found");
        }

        using (var bad = await host.SendAsync(HttpMethod.Put, "/clients/" + id, user, "{\"prekeys\":[{\"id\":3,\"key\":\"***\"}]}"))
        {
            await DeviceHost.AssertErrorAsync(bad, HttpStatusCode.BadRequest, "bad-request");
        }

        using (var removal = await host.SendAsync(HttpMethod.Put, "/clients/" + id, user, new JsonObject { ["capabilities"] = new JsonArray() }))
        {
            await DeviceHost.AssertErrorAsync(removal, HttpStatusCode.Conflict, "client-capabilities-cannot-be-removed");
        }

        Assert.Equal("[0,1,65535]", DeviceHost.Compact(await host.JsonAsync(HttpMethod.Get, $"/clients/{id}/prekeys", user)));
    }

    [Fact]
    public async Task DeleteClient_NeedsTheRightPassword()
    {
        var user = await host.RegisterAsync();
        var id = await host.AddClientAsync(user);
        var other = await host.AddClientAsync(user);

        using (var missing = await host.SendAsync(HttpMethod.Delete, "/clients/" + id, user))
        {
            await DeviceHost.AssertErrorAsync(missing, HttpStatusCode.Forbidden, "missing-auth");
        }

        using (var wrong = await host.SendAsync(HttpMethod.Delete, "/clients/" + id, user, new JsonObject { ["password"] = "wrong-password" }))
        {
            await DeviceHost.AssertErrorAsync(wrong, HttpStatusCode.Forbidden, "invalid-credentials");
        }

        Assert.Equal(2, (await host.JsonAsync(HttpMethod.Get, "/clients", user)).AsArray().Count);
        using (var right = await host.SendAsync(HttpMethod.Delete, "/clients/" + id, user, new JsonObject { ["password"] = user.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        }

        var left = (await host.JsonAsync(HttpMethod.Get, "/clients", user)).AsArray();
        Assert.Equal(other, Assert.Single(left)!["id"]!.GetValue<string>());
        var listed = await host.JsonAsync(HttpMethod.Post, "/users/list-clients", user, new JsonObject
        {
            ["qualified_users"] = new JsonArray(new JsonObject { ["id"] = user.Id.ToString(), ["domain"] = DeviceHost.Domain }),
        });
        Assert.Equal(other, Assert.Single(listed["qualified_user_map"]![DeviceHost.Domain]![user.Id.ToString()]!.AsArray())!["id"]!.GetValue<string>());

        var events = await host.EventsAsync(user, other);
        Assert.Contains(events, e => e["type"]!.GetValue<string>() == "user.client-remove" && e["client"]!["id"]!.GetValue<string>() == id);

        using var gone = await host.SendAsync(HttpMethod.Delete, "/clients/" + id, user, new JsonObject { ["password"] = user.Password });
        await DeviceHost.AssertErrorAsync(gone, HttpStatusCode.NotFound, "client-not-found");
    }

    [Fact]
    public async Task DeleteClient_Temporary_NeedsNoPassword()
    {
        var user = await host.RegisterAsync();
        var id = await host.AddClientAsync(user, "temporary");
        using var response = await host.SendAsync(HttpMethod.Delete, "/clients/" + id, user);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await host.JsonAsync(HttpMethod.Get, "/clients", user)).AsArray());
    }

    [Fact]
    public async Task PostClient_EmitsClientAdd_SoNotificationsLastExists()
    {
        var user = await host.RegisterAsync();
        var id = await host.AddClientAsync(user);
        var last = await host.JsonAsync(HttpMethod.Get, $"/notifications/last?client={id}", user);
        var payload = last["payload"]![0]!;
        Assert.Equal("user.client-add", payload["type"]!.GetValue<string>());
        Assert.Equal(id, payload["client"]!["id"]!.GetValue<string>());
        Assert.Equal("permanent", payload["client"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutZUser_Returns401()
    {
        using var response = await host.Host.Internal.GetAsync("/v8/clients");
        await DeviceHost.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid-token");
    }
}

public sealed class ClientEndpointSqliteTests(SqliteDeviceHost host) : ClientEndpointTests(host), IClassFixture<SqliteDeviceHost>;

public sealed class ClientEndpointPostgresTests(PostgresDeviceHost host) : ClientEndpointTests(host), IClassFixture<PostgresDeviceHost>;
