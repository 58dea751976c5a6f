using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Contracts.Identity;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Push;
using WireEdge.Contracts.Services;
using WireEdge.Storage.Connections;
using WireEdge.Testing;

namespace WireEdge.Galley.Tests.Support;

/// <summary>
/// The real all-in-one server with brig and the push hub replaced by <see cref="FakeBrig"/> and
/// <see cref="RecordingPushClient"/>. Public routes are called on the internal listener with trusted
/// Z-User / Z-Client / Z-Connection headers, as the edge forwards them in the distributed topology.
/// </summary>
public sealed class GalleyHost : IAsyncDisposable
{
    private GalleyHost(WireEdgeTestHost host, FakeBrig brig, RecordingPushClient push)
    {
        Host = host;
        Brig = brig;
        Push = push;
    }

    public const string Domain = "wire.example.com";

    public WireEdgeTestHost Host { get; }

    public FakeBrig Brig { get; }

    public RecordingPushClient Push { get; }

    public static async Task<GalleyHost> StartAsync(StorageKind storage = StorageKind.Sqlite)
    {
        var brig = new FakeBrig();
        var push = new RecordingPushClient();
        var host = await WireEdgeTestHost.StartAsync(
            storage,
            new Dictionary<string, string?> { ["Wire:Domain"] = Domain },
            configure: b => b.Host.UseServiceProviderFactory(new OverridingServiceProviderFactory(s =>
            {
                s.AddSingleton<IBrigInternal>(brig);
                s.AddSingleton<IPushClient>(push);
            })));
        return new GalleyHost(host, brig, push);
    }

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Guid user, object? json = null, ClientId? client = null, string connection = "conn-1")
        => SendRawAsync(method, path, user, json is null ? null : new StringContent(json as string ?? JsonSerializer.Serialize(json), Encoding.UTF8, "application/json"), client, connection);

    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, Guid user, HttpContent? content, ClientId? client = null, string connection = "conn-1")
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(ZHeaders.User, user.ToString("D"));
        request.Headers.Add(ZHeaders.Connection, connection);
        if (client is { } c)
        {
            request.Headers.Add(ZHeaders.Client, c.ToString());
        }

        return Host.Internal.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostProtobufAsync(string path, Guid user, byte[] body, string connection = "conn-1")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return SendRawAsync(HttpMethod.Post, path, user, content, null, connection);
    }

    /// <summary>Creates a group conversation of <paramref name="creator"/> with connected <paramref name="others"/>; returns its id.</summary>
    public async Task<Guid> CreateGroupAsync(Guid creator, params Guid[] others)
    {
        foreach (var o in others)
        {
            Brig.Connect(creator, o);
        }

        var response = await SendAsync(HttpMethod.Post, "/v8/conversations", creator, new
        {
            name = "group",
            qualified_users = others.Select(o => new { id = o, domain = Domain }).ToArray(),
            protocol = "proteus",
        });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("qualified_id").GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
