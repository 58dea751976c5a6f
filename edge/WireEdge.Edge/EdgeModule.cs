using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WireEdge.Edge.Auth;
using WireEdge.Edge.Cors;
using WireEdge.Edge.Forwarding;
using WireEdge.Edge.Limits;
using WireEdge.Edge.Observability;
using WireEdge.Edge.Routing;
using WireEdge.Hosting.Modules;
using WireEdge.Storage.Migrations;
using WireEdge.Zauth;

namespace WireEdge.Edge;

/// <summary>
/// The edge service (nginz): the route table, zauth, rate limits, CORS and forwarding in front of
/// every public request. Configuration: section <c>Edge</c> (<see cref="EdgeOptions"/>).
/// </summary>
public sealed class EdgeModule : IServiceModule, IPublicListenerModule, IPipelineModule
{
    public string Name => "edge";

    public IEnumerable<Migration> Migrations => [];

    public void AddLocal(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddZauth(builder.Configuration);
        services.AddOptions<EdgeOptions>().Bind(builder.Configuration.GetSection(EdgeOptions.Section));
        services.AddSingleton<EdgeMetrics>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<RouteTableProvider>();
        services.AddSingleton<CorsPolicy>();
        services.AddSingleton<OAuthVerifier>();
        services.AddSingleton<EdgeAuthenticator>();
        services.AddSingleton<Upstreams>();
        services.AddSingleton<Http1Forwarder>();
        services.AddSingleton<YarpForwarding>();
        services.AddHttpForwarder();
        services.AddHostedService<EdgeStartup>();
        if (builder.Configuration.GetValue<bool>("Edge:InlineScheduling"))
        {
            services.Configure<SocketTransportOptions>(o => o.UnsafePreferInlineScheduling = true);
        }
    }

    public void AddRemote(IServiceCollection services, Uri baseAddress)
    {
    }

    public void MapPublic(IEndpointRouteBuilder endpoints)
    {
    }

    public void MapInternal(IEndpointRouteBuilder endpoints)
    {
        // Load-test probe: requests answered by the edge and bytes allocated by the process so far.
        endpoints.MapGet("/i/edge/stats", (EdgeMetrics metrics) => Results.Text(
            string.Create(CultureInfo.InvariantCulture, $"{{\"requests\":{metrics.TotalRequests},\"allocated_bytes\":{GC.GetTotalAllocatedBytes(precise: true)},\"gen0\":{GC.CollectionCount(0)},\"gen1\":{GC.CollectionCount(1)},\"gen2\":{GC.CollectionCount(2)}}}"),
            "application/json"));
    }

    public void UsePipeline(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<EdgeMiddleware>();
    }
}

/// <summary>Builds the route table, limits and upstreams before the listeners open, so bad configuration fails the start.</summary>
internal sealed class EdgeStartup(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<RateLimiter>();
        _ = services.GetRequiredService<RouteTableProvider>();
        _ = services.GetRequiredService<Upstreams>();
        _ = services.GetRequiredService<OAuthVerifier>();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
