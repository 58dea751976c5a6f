using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WireEdge.Contracts.Push;
using WireEdge.Gundeck.Native;
using WireEdge.Gundeck.Notifications;
using WireEdge.Gundeck.Presences;
using WireEdge.Gundeck.Push;
using WireEdge.Gundeck.PushTokens;
using WireEdge.Hosting.Modules;
using WireEdge.Storage.Migrations;

namespace WireEdge.Gundeck;

/// <summary>
/// The gundeck service: notification log, push tokens, presence table (Redis: embedded Garnet or
/// external) and live routing to cannons. Provides <see cref="IPushClient"/>, <see cref="IPresenceRegistry"/>
/// and (TryAdd, so an in-process cannon may register first) <see cref="ICannonClient"/>.
/// </summary>
public sealed class GundeckModule : IServiceModule
{
    public string Name => "gundeck";

    public IEnumerable<Migration> Migrations => GundeckMigrations.All;

    public void AddLocal(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<GundeckOptions>().Bind(builder.Configuration.GetSection(GundeckOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RedisOptions>().Bind(builder.Configuration.GetSection(RedisOptions.Section));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(GundeckJsonContext.Default));

        services.AddSingleton(sp => new RedisConnectionProvider(sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        services.AddHostedService<RedisStartup>();
        services.AddSingleton<RedisPresenceRegistry>();
        services.AddSingleton<IPresenceRegistry>(sp => sp.GetRequiredService<RedisPresenceRegistry>());

        services.AddSingleton<NotificationIdGenerator>();
        services.AddSingleton<INotificationStore, SqlNotificationStore>();
        services.AddSingleton<NotificationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationSweeper>());
        services.AddSingleton<PushTokenStore>();

        services.AddSingleton<HttpCannonClient>();
        services.TryAddSingleton<ICannonClient>(sp => sp.GetRequiredService<HttpCannonClient>());
        services.TryAddSingleton<ICannonSocketCloser>(sp => sp.GetRequiredService<HttpCannonClient>());
        services.TryAddSingleton<INativePushSink, LoggingNativePushSink>();
        services.AddSingleton<PushRouter>();
        services.AddSingleton<DeliveryPipeline>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryPipeline>());
        services.AddSingleton<PushService>();
        services.AddSingleton<IPushClient>(sp => sp.GetRequiredService<PushService>());
    }

    public void AddRemote(IServiceCollection services, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient<HttpPushClient>(c => c.BaseAddress = baseAddress);
        services.AddSingleton<IPushClient>(sp => sp.GetRequiredService<HttpPushClient>());
        services.AddHttpClient<HttpPresenceRegistry>(c => c.BaseAddress = baseAddress);
        services.AddSingleton<IPresenceRegistry>(sp => sp.GetRequiredService<HttpPresenceRegistry>());
        services.TryAddSingleton<HttpCannonClient>();
        services.TryAddSingleton<ICannonClient>(sp => sp.GetRequiredService<HttpCannonClient>());
        services.TryAddSingleton<ICannonSocketCloser>(sp => sp.GetRequiredService<HttpCannonClient>());
    }

    public void MapPublic(IEndpointRouteBuilder endpoints)
    {
        NotificationEndpoints.Map(endpoints);
        PushTokenEndpoints.Map(endpoints);
    }

    public void MapInternal(IEndpointRouteBuilder endpoints)
    {
        PushEndpoints.Map(endpoints);
        PresenceEndpoints.Map(endpoints);
    }
}
