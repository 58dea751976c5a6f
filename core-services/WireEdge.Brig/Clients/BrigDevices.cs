using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WireEdge.Brig.Connections;
using WireEdge.Brig.Internal;
using WireEdge.Brig.Prekeys;
using WireEdge.Contracts.Services;
using WireEdge.Storage.Migrations;

namespace WireEdge.Brig.Clients;

/// <summary>
/// Brig's device side (clients, prekeys, connections) as <see cref="BrigModule"/> composes it:
/// the module calls these five members from its own.
/// </summary>
public static class BrigDevices
{
    /// <summary>The migration module name of the device side.</summary>
    public const string MigrationModule = DeviceSchema.Module;

    public static IEnumerable<Migration> Migrations => DeviceSchema.Migrations;

    /// <summary>Stores, services and the in-process <see cref="IBrigInternal"/>.</summary>
    public static void Add(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var s = builder.Services;
        s.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(DevicesJsonContext.Default));
        s.TryAddSingleton<IClientStore, SqlClientStore>();
        s.TryAddSingleton<IPrekeyStore, PrekeyStore>();
        s.TryAddSingleton<IConnectionStore, SqlConnectionStore>();
        s.TryAddSingleton<DeviceEvents>();
        s.TryAddSingleton<ConnectionService>();
        s.TryAddSingleton<LocalBrigInternal>();
        s.AddSingleton<IBrigInternal>(sp => sp.GetRequiredService<LocalBrigInternal>());
    }

    /// <summary>The HTTP <see cref="IBrigInternal"/> against brig's internal listener at <paramref name="baseAddress"/>.</summary>
    public static void AddRemote(IServiceCollection services, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(baseAddress);
        services.AddHttpClient<IBrigInternal, HttpBrigInternal>(c => c.BaseAddress = baseAddress);
    }

    public static void MapPublic(IEndpointRouteBuilder e)
    {
        ArgumentNullException.ThrowIfNull(e);
        ClientEndpoints.Map(e);
        UserClientEndpoints.Map(e);
        PrekeyEndpoints.Map(e);
        ConnectionEndpoints.Map(e);
    }

    /// <summary>Maps <c>/i/clients/list</c>, <c>/i/connections/accepted</c>, <c>/i/users/summaries</c>, <c>/i/clients/active</c>.</summary>
    public static void MapInternal(IEndpointRouteBuilder e)
    {
        ArgumentNullException.ThrowIfNull(e);
        InternalEndpoints.Map(e);
    }
}
