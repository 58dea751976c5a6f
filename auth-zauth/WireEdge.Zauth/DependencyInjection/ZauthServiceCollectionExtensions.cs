using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WireEdge.Zauth;

public static class ZauthServiceCollectionExtensions
{
    /// <summary>
    /// Idempotent. Binds section <c>Zauth</c> (<see cref="ZauthOptions"/>). When neither key file is configured,
    /// generates a key pair once into <c>&lt;Wire:DataDirectory&gt;/zauth/{secret,public}.keys</c> and uses it.
    /// Registers <see cref="ZauthSigner"/> (only if secret keys are available), <see cref="ZauthVerifier"/>,
    /// <see cref="ZauthAcl"/> and <see cref="ZauthKeyRing"/> as singletons. Missing or invalid key files fail at
    /// start with an <see cref="OptionsValidationException"/> naming the setting.
    /// </summary>
    public static IServiceCollection AddZauth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ZauthKeyLoader)))
        {
            return services;
        }

        var section = configuration.GetSection(ZauthOptions.SectionName);
        var dataDirectory = configuration["Wire:DataDirectory"] is { Length: > 0 } d ? d : ".wireedge";
        services.AddSingleton(new ZauthKeyLoader(dataDirectory));
        services.AddOptions<ZauthOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ZauthOptions>, ZauthOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => Loaded(sp).Keys!);
        services.AddSingleton(sp => Loaded(sp).Acl!);
        services.AddSingleton(sp => new ZauthVerifier(
            sp.GetRequiredService<ZauthKeyRing>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ZauthOptions>>().Value.CacheSize));

        var hasSecretKeys = section["PrivateKeys"] is not null || section["PublicKeys"] is null;
        if (hasSecretKeys)
        {
            services.AddSingleton(sp => new ZauthSigner(
                sp.GetRequiredService<ZauthKeyRing>(),
                sp.GetRequiredService<IOptions<ZauthOptions>>().Value.KeyIndex));
        }

        return services;
    }

    private static (ZauthKeyRing? Keys, ZauthAcl? Acl, List<string> Errors) Loaded(IServiceProvider sp)
    {
        // Reading the options runs the validator, which throws OptionsValidationException on failure.
        var options = sp.GetRequiredService<IOptions<ZauthOptions>>().Value;
        return sp.GetRequiredService<ZauthKeyLoader>().Load(options);
    }
}
