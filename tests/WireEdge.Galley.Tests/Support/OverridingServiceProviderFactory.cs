using Microsoft.Extensions.DependencyInjection;

namespace WireEdge.Galley.Tests.Support;

/// <summary>
/// Applies test registrations after every module has registered its own, so the test doubles win
/// (the host's configure callback runs before the modules' AddLocal).
/// </summary>
public sealed class OverridingServiceProviderFactory(Action<IServiceCollection> overrides) : IServiceProviderFactory<IServiceCollection>
{
    public IServiceCollection CreateBuilder(IServiceCollection services)
    {
        overrides(services);
        return services;
    }

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => containerBuilder.BuildServiceProvider();
}
