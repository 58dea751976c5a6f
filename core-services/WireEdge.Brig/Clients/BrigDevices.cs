using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Storage.Migrations;

namespace WireEdge.Brig.Clients;

/// <summary>
/// Brig's device side (clients, prekeys, connections) as <see cref="BrigModule"/> composes it:
/// the module calls these five members from its own.
/// </summary>
public static class BrigDevices
{
    /// <summary>The migration module name of the device side.</summary>
    public const string MigrationModule = "brig-devices";

    public static IEnumerable<Migration> Migrations => [];

    public static void Add(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
    }

    public static void AddRemote(IServiceCollection services, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(baseAddress);
    }

    public static void MapPublic(IEndpointRouteBuilder e)
    {
        ArgumentNullException.ThrowIfNull(e);
    }

    public static void MapInternal(IEndpointRouteBuilder e)
    {
        ArgumentNullException.ThrowIfNull(e);
    }
}
