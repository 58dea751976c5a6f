using Microsoft.Extensions.Options;
using WireEdge.Contracts.Versioning;
using WireEdge.Hosting.Options;

namespace WireEdge.Hosting.Versioning;

/// <summary>The one place that decides which API versions are served and advertised.</summary>
public sealed class ApiVersionPolicy
{
    private readonly bool[] served;

    public ApiVersionPolicy(IOptions<WireOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        Supported = [.. (o.SupportedApiVersions is { Length: > 0 } s ? s : WireOptions.DefaultSupportedApiVersions).Where(v => v >= 0).Distinct().Order()];
        Development = [.. o.DevelopmentApiVersions.Where(v => v >= 0).Distinct().Except(Supported).Order()];
        var max = Supported.Concat(Development).DefaultIfEmpty(0).Max();
        served = new bool[max + 1];
        foreach (var v in Supported.Concat(Development))
        {
            served[v] = true;
        }

        Info = new ApiVersionInfo(Supported, Development, o.Domain, o.Federation);
    }

    public IReadOnlyList<int> Supported { get; }

    public IReadOnlyList<int> Development { get; }

    /// <summary>The body of <c>GET /api-version</c>.</summary>
    public ApiVersionInfo Info { get; }

    public bool IsServed(int version) => version >= 0 && version < served.Length && served[version];
}
