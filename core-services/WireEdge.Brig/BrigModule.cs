using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Hosting.Modules;
using WireEdge.Storage.Migrations;

namespace WireEdge.Brig;

/// <summary>The brig service as the host composes it.</summary>
public sealed class BrigModule : IServiceModule
{
    public string Name => "brig";

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
