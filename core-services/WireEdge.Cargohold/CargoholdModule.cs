using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Hosting.Modules;
using WireEdge.Storage.Migrations;

namespace WireEdge.Cargohold;

/// <summary>The cargohold service as the host composes it.</summary>
public sealed class CargoholdModule : IServiceModule
{
    public string Name => "cargohold";

    public IEnumerable<Migration> Migrations => [];

    public void AddLocal(WebApplicationBuilder builder)
    {
    }

    public void AddRemote(IServiceCollection services, Uri baseAddress)
    {
    }

    public void MapPublic(IEndpointRouteBuilder endpoints)
    {
    }

    public void MapInternal(IEndpointRouteBuilder endpoints)
    {
    }
}
