using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireEdge.Brig.Accounts;
using WireEdge.Brig.Auth;
using WireEdge.Brig.Clients;
using WireEdge.Brig.Configuration;
using WireEdge.Brig.Events;
using WireEdge.Brig.Handles;
using WireEdge.Brig.Json;
using WireEdge.Brig.Mail;
using WireEdge.Brig.Passwords;
using WireEdge.Brig.Profiles;
using WireEdge.Brig.Properties;
using WireEdge.Brig.Search;
using WireEdge.Brig.Storage;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Errors;
using WireEdge.Hosting.Modules;
using WireEdge.Hosting.Options;
using WireEdge.Storage.Migrations;
using WireEdge.Zauth;

namespace WireEdge.Brig;

/// <summary>The brig service as the host composes it: accounts side here, device side through <see cref="BrigDevices"/>.</summary>
public sealed class BrigModule : IServiceModule
{
    public string Name => "brig";

    public IEnumerable<Migration> Migrations => [.. BrigMigrations.All, .. BrigDevices.Migrations];

    public void AddLocal(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BrigOptions>().Bind(builder.Configuration.GetSection(BrigOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddZauth(builder.Configuration);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(BrigJsonContext.Default));

        services.AddSingleton<IUserStore, SqlUserStore>();
        services.AddSingleton<ICookieStore, SqlCookieStore>();
        services.AddSingleton<IPropertyStore, SqlPropertyStore>();
        services.AddSingleton<IActivationStore, SqlActivationStore>();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<UserRenderer>();
        services.AddSingleton<UserEvents>();
        services.AddSingleton<CookieService>();
        services.AddSingleton<ActivationService>();
        services.AddSingleton<IUserLookup, UserLookup>();
        services.AddSingleton<IEmailSender>(sp =>
        {
            var brig = sp.GetRequiredService<IOptions<BrigOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(brig.Smtp.Host))
            {
                return new SmtpEmailSender(brig.Smtp);
            }

            var dir = brig.OutboxDirectory ?? Path.Combine(sp.GetRequiredService<IOptions<WireOptions>>().Value.DataDirectory, "outbox");
            return new OutboxEmailSender(dir, sp.GetRequiredService<TimeProvider>());
        });

        BrigDevices.Add(builder);
    }

    public void AddRemote(IServiceCollection services, Uri baseAddress)
    {
        BrigDevices.AddRemote(services, baseAddress);
    }

    public void MapPublic(IEndpointRouteBuilder endpoints)
    {
        var accounts = endpoints.MapGroup(string.Empty).AddEndpointFilter(HashingSaturated);
        RegisterEndpoints.Map(accounts);
        ActivationEndpoints.Map(accounts);
        LoginEndpoints.Map(accounts);
        AccessEndpoints.Map(accounts);
        CookieEndpoints.Map(accounts);
        SelfEndpoints.Map(accounts);
        UserEndpoints.Map(accounts);
        HandleEndpoints.Map(accounts);
        PropertyEndpoints.Map(accounts);
        SearchEndpoints.Map(accounts);
        BrigDevices.MapPublic(endpoints);
    }

    public void MapInternal(IEndpointRouteBuilder endpoints)
    {
        AccountInternalEndpoints.Map(endpoints);
        BrigDevices.MapInternal(endpoints);
    }

    /// <summary>No Argon2 slot within the queue timeout: 420, which the official client backs off from and retries.</summary>
    private static async ValueTask<object?> HashingSaturated(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (PasswordHasherBusyException)
        {
            return WireErrors.Of(420, "client-error", "Too many concurrent password checks, try again later");
        }
    }
}
