using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireEdge.Cargohold.Assets;
using WireEdge.Cargohold.Blobs;
using WireEdge.Cargohold.Endpoints;
using WireEdge.Cargohold.Json;
using WireEdge.Cargohold.Sweeping;
using WireEdge.Hosting.Modules;
using WireEdge.Hosting.Options;
using WireEdge.Storage.Migrations;

namespace WireEdge.Cargohold;

/// <summary>The cargohold service (assets) as the host composes it.</summary>
public sealed class CargoholdModule : IServiceModule
{
    public string Name => "cargohold";

    public IEnumerable<Migration> Migrations => SqlAssetStore.Migrations;

    public void AddLocal(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CargoholdOptions>().Bind(builder.Configuration.GetSection(CargoholdOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(CargoholdJsonContext.Default));
        builder.Services.AddSingleton<IAssetStore, SqlAssetStore>();
        builder.Services.AddSingleton<IAssetBlobStore>(sp => CreateBlobStore(sp));
        builder.Services.AddSingleton<AssetService>();
        builder.Services.AddSingleton<ExpiredAssetSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExpiredAssetSweeper>());
    }

    public void AddRemote(IServiceCollection services, Uri baseAddress)
    {
        // Cargohold provides no interface to other services; the edge forwards its public routes.
    }

    public void MapPublic(IEndpointRouteBuilder endpoints) => AssetEndpoints.Map(endpoints);

    public void MapInternal(IEndpointRouteBuilder endpoints)
    {
    }

    private static IAssetBlobStore CreateBlobStore(IServiceProvider sp)
    {
        var o = sp.GetRequiredService<IOptions<CargoholdOptions>>().Value;
        var wire = sp.GetRequiredService<IOptions<WireOptions>>().Value;
        var time = sp.GetRequiredService<TimeProvider>();
        if (o.Backend.Equals("s3", StringComparison.OrdinalIgnoreCase))
        {
            var s3 = new S3BlobStore(o.S3, time);
            s3.EnsureBucketAsync().GetAwaiter().GetResult();
            return s3;
        }

        var dir = string.IsNullOrWhiteSpace(o.LocalDirectory) ? Path.Combine(wire.DataDirectory, "assets") : o.LocalDirectory;
        return new LocalBlobStore(dir, SigningKey(sp.GetRequiredService<IConfiguration>(), wire.DataDirectory), time);
    }

    /// <summary>The URL signing key: <c>Cargohold:UrlSigningKey</c> (base64), else one generated once under the data directory.</summary>
    private static byte[] SigningKey(IConfiguration config, string dataDirectory)
    {
        if (config["Cargohold:UrlSigningKey"] is { Length: > 0 } configured)
        {
            return Convert.FromBase64String(configured);
        }

        var path = Path.Combine(dataDirectory, "cargohold", "url-signing.key");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            f.Write(RandomNumberGenerator.GetBytes(32));
        }
        catch (IOException) when (File.Exists(path))
        {
        }

        return File.ReadAllBytes(path);
    }
}
