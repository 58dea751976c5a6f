using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireEdge.Contracts.Identity;
using WireEdge.Storage.Connections;
using WireEdge.Testing;

namespace WireEdge.Brig.Tests.Clients;

/// <summary>A registered test user and the connection id its requests carry.</summary>
public sealed record TestUser(Guid Id, string Name, string Email, string Password, string Connection);

/// <summary>
/// One real server per test class (SQLite or PostgreSQL). Public routes are called on the internal
/// listener with trusted Z-* headers, as the edge would forward them in the distributed topology.
/// Users are created through brig's own <c>POST /register</c>.
/// </summary>
public abstract class DeviceHost(StorageKind kind) : IAsyncLifetime
{
    public const string Domain = "wire.example.com";

    private int userCounter;

    public StorageKind Kind { get; } = kind;

    public WireEdgeTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await WireEdgeTestHost.StartAsync(Kind);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public async Task<TestUser> RegisterAsync(string name = "Alice")
    {
        var n = Interlocked.Increment(ref userCounter);
        var email = $"user-{Guid.NewGuid():N}@example.com";
        var password = $"secret-password-{n}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v8/register")
        {
            Content = JsonContent.Create(new JsonObject { ["name"] = name, ["email"] = email, ["password"] = password }),
        };
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");
        using var response = await Host.Internal.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /register: {(int)response.StatusCode} {text}");
        var id = JsonNode.Parse(text)!["id"]!.GetValue<Guid>();
        return new TestUser(id, name, email, password, "conn-" + n);
    }

    /// <summary>Sends a request as <paramref name="user"/>; <paramref name="json"/> is sent as is (raw text) when it is a string.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, TestUser user, object? json = null, int version = 8)
    {
        using var request = new HttpRequestMessage(method, version < 0 ? path : $"/v{version}{path}");
        request.Headers.Add(ZHeaders.User, user.Id.ToString());
        request.Headers.Add(ZHeaders.Connection, user.Connection);
        request.Headers.Add(ZHeaders.Type, "access");
        request.Content = json switch
        {
            null => null,
            string raw => new StringContent(raw, Encoding.UTF8, "application/json"),
            JsonNode node => new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json"),
            _ => throw new ArgumentException("json must be a string or JsonNode", nameof(json)),
        };
        return await Host.Internal.SendAsync(request);
    }

    public async Task<JsonNode> JsonAsync(HttpMethod method, string path, TestUser user, object? json = null, HttpStatusCode expected = HttpStatusCode.OK, int version = 8)
    {
        using var response = await SendAsync(method, path, user, json, version);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Asserts a Wire error body with the given status and label.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string label)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {label}, got {(int)response.StatusCode} {text}");
        var body = JsonNode.Parse(text)!;
        Assert.Equal((int)status, body["code"]!.GetValue<int>());
        Assert.Equal(label, body["label"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
    }

    /// <summary>The user's notifications as gundeck stores them (the events brig emitted).</summary>
    public async Task<List<JsonNode>> EventsAsync(TestUser user, string client)
    {
        var page = await JsonAsync(HttpMethod.Get, $"/notifications?client={client}&size=1000", user);
        return [.. page["notifications"]!.AsArray().SelectMany(n => n!["payload"]!.AsArray()).Select(p => p!)];
    }

    /// <summary>A random base64 prekey (the server checks base64 only).</summary>
    public static string RandomKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    /// <summary>A <c>POST /clients</c> body with <paramref name="prekeys"/> prekeys numbered from 0.</summary>
    public static JsonObject NewClient(string type = "permanent", int prekeys = 5, string? lastKey = null, string? password = null, JsonNode? capabilities = null)
    {
        var list = new JsonArray();
        for (var i = 0; i < prekeys; i++)
        {
            list.Add(new JsonObject { ["id"] = i, ["key"] = RandomKey() });
        }

        var body = new JsonObject
        {
            ["type"] = type,
            ["class"] = "desktop",
            ["label"] = "test device",
            ["model"] = "xunit",
            ["cookie"] = "cookie-label",
            ["prekeys"] = list,
            ["lastkey"] = new JsonObject { ["id"] = 65535, ["key"] = lastKey ?? RandomKey() },
            ["capabilities"] = capabilities ?? new JsonArray("legalhold-implicit-consent"),
        };
        if (password is not null)
        {
            body["password"] = password;
        }

        return body;
    }

    /// <summary>Registers a client and returns its id.</summary>
    public async Task<string> AddClientAsync(TestUser user, string type = "permanent", int prekeys = 5, bool withPassword = true)
    {
        var body = NewClient(type, prekeys, password: withPassword ? user.Password : null);
        var client = await JsonAsync(HttpMethod.Post, "/clients", user, body, HttpStatusCode.Created);
        return client["id"]!.GetValue<string>();
    }

    public static string Compact(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}

public sealed class SqliteDeviceHost() : DeviceHost(StorageKind.Sqlite);

public sealed class PostgresDeviceHost() : DeviceHost(StorageKind.Postgres);
