using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Json;
using WireEdge.Hosting.Errors;
using WireEdge.Hosting.Listeners;
using WireEdge.Hosting.Modules;
using WireEdge.Hosting.Observability;
using WireEdge.Hosting.Options;
using WireEdge.Hosting.Versioning;
using WireEdge.Storage.Connections;
using WireEdge.Storage.Migrations;

namespace WireEdge.Hosting;

/// <summary>
/// Composes the host: the all-in-one server (every module, embedded defaults) or one service
/// (<c>--service brig</c>) of the distributed topology. Configuration comes from
/// <c>appsettings.json</c>, <c>WIREEDGE_</c>-prefixed environment variables and the command line.
/// </summary>
public static class WireEdgeApp
{
    /// <summary>Builds the application for the given modules; <paramref name="configure"/> may override settings (tests).</summary>
    public static WebApplication Build(string[] args, IReadOnlyList<IServiceModule> available, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(available);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables("WIREEDGE_");
        builder.Configuration.AddCommandLine(args);
        ConfigureLogging(builder); // before the caller's hook, so a caller may add its own logger provider
        configure?.Invoke(builder);

        var modules = SelectModules(builder.Configuration, available);
        builder.Services.AddSingleton<IReadOnlyList<IServiceModule>>(modules);
        foreach (var m in modules)
        {
            builder.Services.AddSingleton<IMigrationSource>(m);
        }

        ConfigureCore(builder);
        ConfigureListeners(builder, modules);
        ConfigureStorage(builder);

        foreach (var m in modules)
        {
            m.AddLocal(builder);
        }

        var peers = builder.Configuration.GetSection("Peers");
        foreach (var m in available.Where(a => !modules.Contains(a)))
        {
            var address = peers[m.Name];
            if (!string.IsNullOrWhiteSpace(address))
            {
                m.AddRemote(builder.Services, Uri.TryCreate(address, UriKind.Absolute, out var uri)
                    ? uri
                    : throw new OptionsValidationException($"Peers:{m.Name}", typeof(Uri), [$"Peers:{m.Name}: '{address}' is not an absolute URL"]));
            }
        }

        var app = builder.Build();
        ConfigurePipeline(app, modules);
        return app;
    }

    /// <summary>Applies pending migrations of the loaded modules.</summary>
    public static Task<IReadOnlyList<Migration>> MigrateAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
    }

    /// <summary>Starts the app: validates options, migrates when configured, opens the listeners.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<IOptions<WireOptions>>().Value;
        if (app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStart)
        {
            await MigrateAsync(app, cancellationToken).ConfigureAwait(false);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private static List<IServiceModule> SelectModules(IConfiguration config, IReadOnlyList<IServiceModule> available)
    {
        var service = config["Service"] ?? config["service"] ?? "all";
        if (service.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return [.. available];
        }

        var names = service.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var selected = new List<IServiceModule>();
        foreach (var n in names)
        {
            selected.Add(available.FirstOrDefault(m => m.Name.Equals(n, StringComparison.OrdinalIgnoreCase))
                ?? throw new OptionsValidationException("Service", typeof(string), [$"Service: unknown service '{n}' (expected all or one of {string.Join(", ", available.Select(m => m.Name))})"]));
        }

        return selected;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });

        // These categories print full request URLs, query string included, and clients send
        // `access_token=` there (websockets, asset downloads). Tokens never go to logs, whatever the
        // configured levels say: these rules are more specific than any usual configuration key.
        foreach (var category in UrlLoggingCategories)
        {
            builder.Logging.AddFilter(category, LogLevel.Warning);
        }
    }

    private static readonly string[] UrlLoggingCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.HttpLogging",
        "Yarp.ReverseProxy.Forwarder",
        "System.Net.Http.HttpClient",
    ];

    private static void ConfigureCore(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WireOptions>().Bind(builder.Configuration.GetSection(WireOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<HostListenOptions>().Bind(builder.Configuration.GetSection(HostListenOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiVersionPolicy>();
        builder.Services.AddSingleton<HostReadiness>();
        builder.Services.AddSingleton<PrometheusExporter>();
        builder.Services.AddRequestDecompression();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractsJsonContext.Default));
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
    }

    private static void ConfigureListeners(WebApplicationBuilder builder, List<IServiceModule> modules)
    {
        var listen = new HostListenOptions();
        builder.Configuration.GetSection(HostListenOptions.Section).Bind(listen);
        var registry = new ListenerRegistry();
        builder.Services.AddSingleton(registry);
        var needsPublic = modules.Any(m => m is IPublicListenerModule) && !string.IsNullOrWhiteSpace(listen.PublicAddress);
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (needsPublic)
            {
                k.Listen(ParseAddress("Listen:PublicAddress", listen.PublicAddress), listen.PublicPort, o => registry.Add(ListenerKind.Public, o));
            }

            k.Listen(ParseAddress("Listen:InternalAddress", listen.InternalAddress), listen.InternalPort, o => registry.Add(ListenerKind.Internal, o));
        });
    }

    private static IPAddress ParseAddress(string setting, string text)
    {
        if (text is "localhost")
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(text, out var a)
            ? a
            : throw new OptionsValidationException(setting, typeof(string), [$"{setting}: '{text}' is not an IP address"]);
    }

    private static void ConfigureStorage(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .Validate(o => StorageOptions.TryParseKind(o.Kind, out _), "Storage:Kind: unknown storage kind (expected sqlite or postgres)")
            .ValidateOnStart();
        builder.Services.AddSingleton<IDbConnectionFactory>(sp =>
        {
            DapperSetup.Configure();
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var wire = sp.GetRequiredService<IOptions<WireOptions>>().Value;
            return ConnectionFactories.Create(storage, wire.DataDirectory);
        });
        builder.Services.AddSingleton<MigrationRunner>();
    }

    private static void ConfigurePipeline(WebApplication app, List<IServiceModule> modules)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<WireExceptionMiddleware>();
        app.UseMiddleware<PublicGuardMiddleware>();
        foreach (var m in modules.OfType<IPipelineModule>())
        {
            m.UsePipeline(app);
        }

        app.UseRequestDecompression();
        app.UseMiddleware<ApiVersionMiddleware>();
        app.UseRouting();
        app.Use((context, next) =>
        {
            var endpoint = context.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<InternalOnlyMetadata>() is not null && !context.IsInternal())
            {
                return WireErrors.NotFound().ExecuteAsync(context);
            }

            return next(context);
        });

        var policy = app.Services.GetRequiredService<ApiVersionPolicy>();
        app.MapGet("/api-version", () => TypedResults.Json(policy.Info, ContractsJsonContext.Default.ApiVersionInfo));

        var internalGroup = app.MapGroup(string.Empty).WithMetadata(InternalOnlyMetadata.Instance);
        internalGroup.MapGet("/i/status", (HostReadiness r) => r.IsReady ? Results.Ok() : Results.StatusCode(503));
        internalGroup.MapMethods("/i/status", ["HEAD"], (HostReadiness r) => r.IsReady ? Results.Ok() : Results.StatusCode(503));
        internalGroup.MapGet("/i/metrics", (PrometheusExporter e) => Results.Text(e.Render(), "text/plain; version=0.0.4"));

        foreach (var m in modules)
        {
            m.MapPublic(app);
            m.MapInternal(internalGroup);
        }

        app.MapFallback((HttpContext c) => WireErrors.NotFound("Not found", "no-endpoint"));
    }
}
