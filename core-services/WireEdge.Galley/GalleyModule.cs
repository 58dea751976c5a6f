using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Contracts.Services;
using WireEdge.Galley.Events;
using WireEdge.Galley.Internal;
using WireEdge.Galley.Json;
using WireEdge.Galley.Storage;
using WireEdge.Hosting.Modules;
using WireEdge.Storage.Migrations;

namespace WireEdge.Galley;

/// <summary>The galley service as the host composes it: conversations, members, teams, proteus fan-out.</summary>
public sealed class GalleyModule : IServiceModule
{
    public string Name => "galley";

    public IEnumerable<Migration> Migrations => GalleyMigrations.All;

    public void AddLocal(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(GalleyJsonContext.Default));
        builder.Services.AddSingleton<IConversationStore, SqlConversationStore>();
        builder.Services.AddSingleton<ITeamStore, SqlTeamStore>();
        builder.Services.AddSingleton<ConversationNotifier>();
        builder.Services.AddSingleton<GalleyContext>();
        builder.Services.AddSingleton<IGalleyInternal, LocalGalleyInternal>();
    }

    public void AddRemote(IServiceCollection services, Uri baseAddress)
    {
        services.AddHttpClient<IGalleyInternal, HttpGalleyInternal>(c => c.BaseAddress = baseAddress);
    }

    public void MapPublic(IEndpointRouteBuilder endpoints) => GalleyEndpoints.Map(endpoints);

    public void MapInternal(IEndpointRouteBuilder endpoints) => InternalEndpoints.Map(endpoints);
}
