using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Storage.Migrations;

namespace WireEdge.Hosting.Modules;

/// <summary>
/// A service (brig, galley, gundeck, cannon, cargohold, edge) as the host composes it. The
/// all-in-one host loads every module; <c>--service NAME</c> loads one. Interfaces a module
/// provides to others (<c>IPushClient</c>, <c>IBrigInternal</c>, ...) are bound in-process by
/// <see cref="AddLocal"/> when the module runs here, and to an HTTP client against its internal
/// API by <see cref="AddRemote"/> when it runs elsewhere.
/// </summary>
public interface IServiceModule : IMigrationSource
{
    /// <summary>Lower-case service name: brig, galley, gundeck, cannon, cargohold, edge.</summary>
    string Name { get; }

    /// <summary>Registers the module's own services and its in-process implementations of the interfaces it provides.</summary>
    void AddLocal(WebApplicationBuilder builder);

    /// <summary>Registers HTTP clients for the interfaces this module provides, when it runs in another process at <paramref name="baseAddress"/>.</summary>
    void AddRemote(IServiceCollection services, Uri baseAddress);

    /// <summary>Maps the public API (reached through the edge; paths without the <c>/vN</c> prefix).</summary>
    void MapPublic(IEndpointRouteBuilder endpoints);

    /// <summary>Maps the internal API (<c>/i/...</c>), served only on the internal listener.</summary>
    void MapInternal(IEndpointRouteBuilder endpoints);
}
