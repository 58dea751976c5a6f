using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireEdge.Cannon.Delivery;
using WireEdge.Cannon.Drain;
using WireEdge.Cannon.Handshake;
using WireEdge.Cannon.Internal;
using WireEdge.Cannon.Keepalive;
using WireEdge.Cannon.Observability;
using WireEdge.Cannon.Options;
using WireEdge.Cannon.Registration;
using WireEdge.Cannon.Sockets;
using WireEdge.Cannon.Transport;
using WireEdge.Contracts.Push;
using WireEdge.Hosting.Modules;
using WireEdge.Storage.Migrations;
using WireEdge.Zauth;

namespace WireEdge.Cannon;

/// <summary>
/// The cannon service as the host composes it: <c>GET /await</c> websockets (taken over at the
/// connection level below HTTP when valid; the HTTP endpoint answers everything else), the
/// internal push API, presence registration, keep-alive sweeps and graceful drain.
/// </summary>
public sealed class CannonModule : IServiceModule, IPublicListenerModule
{
    public string Name => "cannon";

    public IEnumerable<Migration> Migrations => [];

    public void AddLocal(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var s = builder.Services;
        s.AddOptions<CannonOptions>().Bind(builder.Configuration.GetSection(CannonOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        s.AddZauth(builder.Configuration);
        s.AddSingleton<SocketRegistry>();
        s.AddSingleton<CannonMetrics>();
        s.AddSingleton<PresenceLink>();
        s.AddSingleton<CannonHub>();
        s.AddSingleton<AwaitHandshake>();
        s.AddSingleton<SocketSweeper>();
        s.AddHostedService(sp => sp.GetRequiredService<SocketSweeper>());
        s.AddSingleton<CannonDrain>();
        s.AddHostedService(sp => sp.GetRequiredService<CannonDrain>());

        // Runs before gundeck's AddLocal, whose TryAdd of its HTTP client then leaves this in place.
        s.AddSingleton<ICannonClient>(sp => new LocalFirstCannonClient(sp.GetRequiredService<CannonHub>(), sp, s));

        // The cannon's own listener for every IP endpoint of this process: serves /await upgrades on
        // bare sockets, hands everything else to Kestrel (see Transport/CannonListener). Registered
        // after Kestrel's socket transport, which Kestrel then tries second.
        if (builder.Configuration.GetValue(CannonOptions.Section + ":LeanTransport", true))
        {
            s.AddSingleton<IConnectionListenerFactory, CannonListenerFactory>();
        }

        // Endpoint defaults must be set before the host's Kestrel setup calls Listen, hence first in line.
        s.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>>(sp =>
            new ConfigureOptions<KestrelServerOptions>(k => k.ConfigureEndpointDefaults(listen =>
                listen.Use(next => new AwaitConnectionMiddleware(next, listen, sp).OnConnectedAsync)))));
    }

    public void AddRemote(IServiceCollection services, Uri baseAddress)
    {
        // Gundeck reaches a remote cannon with its own HTTP client (POST {cannon}/i/bulkpush).
    }

    public void MapPublic(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/await", AwaitEndpoint.HandleAsync);
        endpoints.MapGet("/websocket", AwaitEndpoint.HandleAsync);
    }

    public void MapInternal(IEndpointRouteBuilder endpoints) => InternalApi.Map(endpoints);
}
