using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Brig.Clients;
using WireEdge.Hosting.Modules;
using WireEdge.Storage.Migrations;

namespace WireEdge.Brig;

/// <summary>The brig service as the host composes it: accounts side here, device side through <see cref="BrigDevices"/>.</summary>
public sealed class BrigModule : IServiceModule
{
    public string Name => "brig";

    public IEnumerable<Migration> Migrations => BrigDevices.Migrations;

    public void AddLocal(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        BrigDevices.Add(builder);
    }

    public void AddRemote(IServiceCollection services, Uri baseAddress)
    {
        BrigDevices.AddRemote(services, baseAddress);
    }

    public void MapPublic(IEndpointRouteBuilder endpoints)
    {
        BrigDevices.MapPublic(endpoints);
    }

    public void MapInternal(IEndpointRouteBuilder endpoints)
    {
        BrigDevices.MapInternal(endpoints);
    }
}
