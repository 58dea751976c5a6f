using System.Net.Http.Headers;
using System.Text;
using WireEdge.Contracts.Identity;
using WireEdge.Storage.Connections;
using WireEdge.Testing;

namespace WireEdge.Gundeck.Tests.Api;

/// <summary>Starts the real host; requests to service routes go to the internal listener carrying the Z-* headers the edge would set.</summary>
public abstract class GundeckHostTestBase(StorageKind kind) : IAsyncLifetime
{
    protected WireEdgeTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await WireEdgeTestHost.StartAsync(kind);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected HttpRequestMessage As(Guid user, HttpMethod method, string path, string? connection = "conn-1", string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(ZHeaders.User, user.ToString());
        request.Headers.Add(ZHeaders.Type, "access");
        if (connection is not null)
        {
            request.Headers.Add(ZHeaders.Connection, connection);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        return request;
    }

    protected Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Host.Internal.SendAsync(request);

    protected async Task PushAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await Host.Internal.PostAsync("/i/push/v2", content);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    protected static string PushJson(Guid user, string text, string? clients = null, bool transient = false)
        => $"[{{\"recipients\":[{{\"user_id\":\"{user}\",\"route\":\"any\",\"clients\":[{clients}]}}],\"transient\":{(transient ? "true" : "false")},\"payload\":[{{\"type\":\"test\",\"text\":\"{text}\"}}]}}]";
}
