using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Hosting.Modules;
using WireEdge.Storage.Migrations;

namespace WireEdge.Galley;

/// <summary>The galley service as the host composes it.</summary>
public sealed class GalleyModule : IServiceModule
{
    public string Name => "galley";

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
