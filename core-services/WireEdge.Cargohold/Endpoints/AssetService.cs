using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireEdge.Cargohold.Assets;
using WireEdge.Cargohold.Blobs;
using WireEdge.Cargohold.Json;
using WireEdge.Cargohold.Upload;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Services;
using WireEdge.Contracts.Time;
using WireEdge.Hosting.Options;

namespace WireEdge.Cargohold.Endpoints;

/// <summary>The asset operations behind the endpoints.</summary>
public sealed class AssetService(
    IAssetStore store,
    IAssetBlobStore blobs,
    IOptions<CargoholdOptions> options,
    IOptions<WireOptions> wire,
    TimeProvider time,
    IServiceProvider services)
{
    public IAssetStore Store => store;

    public static string NewToken()
        => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task<IResult> UploadAsync(HttpContext context, Guid owner)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = await LimitForAsync(owner, context.RequestAborted).ConfigureAwait(false);
        string? key = null;
        Retention retention = Retention.Persistent;
        try
        {
            var (settings, contentType, length) = await MultipartUpload.ReadAsync(
                context.Request,
                limit,
                async (s, type, len, body) =>
                {
                    if (!RetentionText.TryParse(s.Retention, out retention))
                    {
                        throw UploadException.Bad("Invalid retention");
                    }

                    key = AssetKey.New(retention);
                    await blobs.PutAsync(key, body, len, type, context.RequestAborted).ConfigureAwait(false);
                },
                () => key is null ? Task.CompletedTask : blobs.DeleteAsync(key),
                context.RequestAborted).ConfigureAwait(false);

            var now = time.GetUtcNow();
            var expires = retention.Lifetime() is { } life ? now.Add(life) : (DateTimeOffset?)null;
            var isPublic = settings.Public ?? false;
            var token = isPublic ? null : NewToken();
            await store.InsertAsync(new AssetRecord(key!, owner, token, isPublic, (int)retention, contentType, length, now.ToUnixTimeMilliseconds(), expires?.ToUnixTimeMilliseconds()), context.RequestAborted).ConfigureAwait(false);
            var domain = wire.Value.Domain;
            var body = new AssetResponse(key!, domain, expires is { } e ? WireTime.Millis(e) : null, token);
            context.Response.Headers.Location = $"/assets/{domain}/{key}";
            return TypedResults.Json(body, CargoholdJsonContext.Default.AssetResponse, statusCode: StatusCodes.Status201Created);
        }
        catch (UploadException e)
        {
            return new WireErrorResult(e.Error);
        }
    }

    public Task<AssetRecord?> FindAsync(string? domain, string key, CancellationToken cancellationToken)
    {
        if ((domain is not null && !domain.Equals(wire.Value.Domain, StringComparison.OrdinalIgnoreCase)) || !AssetKey.IsValid(key))
        {
            return Task.FromResult<AssetRecord?>(null);
        }

        return FindLiveAsync(key, cancellationToken);
    }

    public string DownloadUrl(string key) => blobs.DownloadUrl(key, TimeSpan.FromSeconds(options.Value.DownloadLinkTTL));

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        await blobs.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AssetRecord?> FindLiveAsync(string key, CancellationToken cancellationToken)
    {
        var asset = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return asset is { ExpiresMs: { } exp } && exp <= time.GetUtcNow().ToUnixTimeMilliseconds() ? null : asset;
    }

    private async Task<long> LimitForAsync(Guid user, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (services.GetService<IBrigInternal>() is not { } brig)
        {
            return o.MaxTotalBytesStrict;
        }

        var users = await brig.GetUsersAsync([user], cancellationToken).ConfigureAwait(false);
        return users.Count > 0 && users[0].Team is not null ? o.MaxTotalBytes : o.MaxTotalBytesStrict;
    }
}
