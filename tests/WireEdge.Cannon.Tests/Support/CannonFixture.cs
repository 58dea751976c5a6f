using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Contracts.Push;
using WireEdge.Testing;
using WireEdge.Zauth;

namespace WireEdge.Cannon.Tests.Support;

/// <summary>Starts the all-in-one host with a fake presence store and mints access tokens.</summary>
public sealed class CannonHost : IAsyncDisposable
{
    private CannonHost(WireEdgeTestHost host, FakePresenceRegistry presence)
    {
        Host = host;
        Presence = presence;
    }

    public WireEdgeTestHost Host { get; }

    public FakePresenceRegistry Presence { get; }

    public Uri PublicUri => Host.PublicUri!;

    public static async Task<CannonHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var presence = new FakePresenceRegistry();
        var host = await WireEdgeTestHost.StartAsync(settings: settings, configure: b => b.Services.AddSingleton<IPresenceRegistry>(presence));
        return new CannonHost(host, presence);
    }

    public string Token(Guid user, ulong connection, string? client = null, TimeSpan? validFor = null)
        => Host.Services.GetRequiredService<ZauthSigner>().CreateAccess(user, client, connection, DateTimeOffset.UtcNow + (validFor ?? TimeSpan.FromMinutes(15)));

    /// <summary>Connects an authenticated socket for a fresh (or given) user and connection.</summary>
    public async Task<(WsTestClient Client, Guid User, string Connection)> ConnectAsync(Guid? user = null, ulong? connection = null, string path = "/await")
    {
        var u = user ?? Guid.NewGuid();
        var c = connection ?? (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        var ws = await WsTestClient.ConnectAsync(PublicUri, path + "?access_token=" + Uri.EscapeDataString(Token(u, c)));
        Assert.Equal(101, ws.Status);
        return (ws, u, c.ToString(CultureInfo.InvariantCulture));
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
