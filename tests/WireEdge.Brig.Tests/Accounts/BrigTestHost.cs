using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using WireEdge.Storage.Connections;
using WireEdge.Testing;

namespace WireEdge.Brig.Tests.Accounts;

/// <summary>One real all-in-one host per test class (cheap Argon2, no edge rate limits), on SQLite or PostgreSQL.</summary>
public abstract class BrigHostFixture(StorageKind kind) : IAsyncLifetime
{
    public WireEdgeTestHost Host { get; private set; } = null!;

    public BrigApi Api { get; private set; } = null!;

    public StorageKind Kind => kind;

    /// <summary>Settings on top of <see cref="BaseSettings"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Extra => new Dictionary<string, string?>();

    public static Dictionary<string, string?> BaseSettings() => new()
    {
        ["Edge:RateLimits:Enabled"] = "false",
        ["Brig:Argon2:MemoryKiB"] = "64",
        ["Brig:Argon2:Passes"] = "1",
        ["Brig:FailedLoginLimit"] = "3",
    };

    public async Task InitializeAsync()
    {
        var settings = BaseSettings();
        foreach (var kv in Extra)
        {
            settings[kv.Key] = kv.Value;
        }

        Host = await WireEdgeTestHost.StartAsync(kind, settings);
        Api = new BrigApi(Host);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SqliteBrigHost() : BrigHostFixture(StorageKind.Sqlite);

public sealed class PostgresBrigHost() : BrigHostFixture(StorageKind.Postgres);

/// <summary>A registered user with a live cookie and access token.</summary>
public sealed record TestUser(Guid Id, string Email, string Password, string Cookie, string Token);

/// <summary>Raw HTTP against the public listener (through the edge), as the official client sends it.</summary>
public sealed class BrigApi(WireEdgeTestHost host)
{
    public const string Domain = "wire.example.com";
    public const string DefaultPassword = "correct horse battery";

    public WireEdgeTestHost Host => host;

    public static string NewEmail() => $"u{Guid.NewGuid():N}@example.com";

    public static HttpContent Json(string json, bool gzip = false)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        if (!gzip)
        {
            var plain = new ByteArrayContent(bytes);
            plain.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json;charset=UTF-8");
            return plain;
        }

        var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(bytes);
        }

        var content = new ByteArrayContent(ms.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json;charset=UTF-8");
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? token = null, string? cookie = null, bool gzip = false, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (content is not null)
        {
            request.Content = content;
        }
        else if (json is not null)
        {
            request.Content = Json(json, gzip);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", "zuid=" + cookie);
        }

        return await host.Public.SendAsync(request);
    }

    public static async Task<JsonNode> BodyAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>The <c>zuid</c> value of the response's single <c>Set-Cookie</c>.</summary>
    public static string CookieOf(HttpResponseMessage response)
    {
        var header = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("zuid=", header, StringComparison.Ordinal);
        return header[5..header.IndexOf(';', StringComparison.Ordinal)];
    }

    public static string SetCookieHeader(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues("Set-Cookie"));

    public static string RegisterJson(string email, string password = DefaultPassword, string name = "Alice Example")
        => new JsonObject { ["name"] = name, ["email"] = email, ["password"] = password, ["locale"] = "en-US" }.ToJsonString();

    public async Task<TestUser> RegisterAsync(string? email = null, string password = DefaultPassword, string name = "Alice Example")
    {
        email ??= NewEmail();
        var r = await SendAsync(HttpMethod.Post, "/v8/register", RegisterJson(email, password, name), gzip: true);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var id = Guid.Parse((string)(await BodyAsync(r))["id"]!);
        var cookie = CookieOf(r);
        var token = await AccessAsync(cookie);
        return new TestUser(id, email, password, cookie, token);
    }

    public async Task<string> AccessAsync(string cookie, string? token = null)
    {
        var r = await SendAsync(HttpMethod.Post, "/access", cookie: cookie, token: token, content: EmptyForm());
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return (string)(await BodyAsync(r))["access_token"]!;
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password, bool persist = true, string? label = null)
    {
        var body = new JsonObject { ["email"] = email, ["password"] = password };
        if (label is not null)
        {
            body["label"] = label;
        }

        return await SendAsync(HttpMethod.Post, $"/v8/login?persist={(persist ? "true" : "false")}", body.ToJsonString(), gzip: true);
    }

    public async Task SetHandleAsync(TestUser user, string handle)
    {
        var r = await SendAsync(HttpMethod.Put, "/v8/self/handle", new JsonObject { ["handle"] = handle }.ToJsonString(), user.Token, gzip: true);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    /// <summary>The payload events of the user's notification stream (gundeck), newest last.</summary>
    public async Task<List<JsonNode>> EventsAsync(TestUser user)
    {
        var r = await SendAsync(HttpMethod.Get, "/v8/notifications?size=10000", token: user.Token);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var events = new List<JsonNode>();
        foreach (var n in (await BodyAsync(r))["notifications"]!.AsArray())
        {
            events.AddRange(n!["payload"]!.AsArray().Select(p => p!));
        }

        return events;
    }

    /// <summary>An empty <c>application/x-www-form-urlencoded</c> body, as axios sends on <c>/access</c>.</summary>
    public static HttpContent EmptyForm()
    {
        var c = new ByteArrayContent([]);
        c.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return c;
    }

    /// <summary>The value of a zauth token field (<c>c</c>, <c>i</c>, <c>l</c>, <c>u</c>, ...).</summary>
    public static string? TokenField(string token, string name)
    {
        foreach (var part in token.Split('.').Skip(1))
        {
            if (part.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return part[(name.Length + 1)..];
            }
        }

        return null;
    }

    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string label, string? message = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} but got {(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!;
        Assert.Equal((int)status, (int)body["code"]!);
        Assert.Equal(label, (string)body["label"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["message"]));
        if (message is not null)
        {
            Assert.Equal(message, (string)body["message"]!);
        }
    }
}
