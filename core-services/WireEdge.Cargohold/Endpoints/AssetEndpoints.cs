using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireEdge.Cargohold.Assets;
using WireEdge.Cargohold.Blobs;
using WireEdge.Cargohold.Json;
using WireEdge.Cargohold.Upload;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Identity;
using WireEdge.Contracts.Services;
using WireEdge.Contracts.Time;
using WireEdge.Hosting.Options;

namespace WireEdge.Cargohold.Endpoints;

/// <summary>Cargohold's public API (FACTS.md §8): upload, signed download, delete, asset tokens.</summary>
public static class AssetEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapPost("/assets", UploadAsync);
        e.MapPost("/assets/v3", UploadAsync);
        e.MapGet("/assets/{domain}/{key}", (HttpContext c, string domain, string key, AssetService s) => DownloadAsync(c, domain, key, s));
        e.MapGet("/assets/v4/{domain}/{key}", (HttpContext c, string domain, string key, AssetService s) => DownloadAsync(c, domain, key, s));
        e.MapGet("/assets/v3/{key}", (HttpContext c, string key, AssetService s) => DownloadAsync(c, null, key, s));
        e.MapDelete("/assets/{domain}/{key}", (HttpContext c, string domain, string key, AssetService s) => DeleteAsync(c, domain, key, s));
        e.MapDelete("/assets/v4/{domain}/{key}", (HttpContext c, string domain, string key, AssetService s) => DeleteAsync(c, domain, key, s));
        e.MapDelete("/assets/v3/{key}", (HttpContext c, string key, AssetService s) => DeleteAsync(c, null, key, s));
        e.MapPost("/assets/{key}/token", (HttpContext c, string key, AssetService s) => NewTokenAsync(c, key, s));
        e.MapPost("/assets/v3/{key}/token", (HttpContext c, string key, AssetService s) => NewTokenAsync(c, key, s));
        e.MapDelete("/assets/{key}/token", (HttpContext c, string key, AssetService s) => DeleteTokenAsync(c, key, s));
        e.MapDelete("/assets/v3/{key}/token", (HttpContext c, string key, AssetService s) => DeleteTokenAsync(c, key, s));
        e.MapGet(LocalBlobStore.DownloadPrefix + "{key}", ServeLocalAsync);
    }

    private static async Task<IResult> UploadAsync(HttpContext context, AssetService service)
    {
        if (context.ZIdentity() is not { } caller)
        {
            return WireErrors.AccessDenied();
        }

        // The body is streamed to storage; its size is bounded by the declared part lengths, not by Kestrel's default.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        return await service.UploadAsync(context, caller.User).ConfigureAwait(false);
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, string? domain, string key, AssetService service)
    {
        if (context.ZIdentity() is not { } caller)
        {
            return WireErrors.AccessDenied();
        }

        var token = context.Request.Headers["Asset-Token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            token = context.Request.Query["asset_token"].ToString();
        }

        var asset = await service.FindAsync(domain, key, context.RequestAborted).ConfigureAwait(false);
        if (asset is null || !(asset.Public || asset.Owner == caller.User || TokenMatches(asset.Token, token)))
        {
            return WireErrors.NotFound("Asset not found");
        }

        return Results.Redirect(service.DownloadUrl(asset.Key), permanent: false);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string? domain, string key, AssetService service)
    {
        var (asset, refusal) = await OwnedAsync(context, domain, key, service).ConfigureAwait(false);
        if (asset is null)
        {
            return refusal!;
        }

        await service.DeleteAsync(asset.Key, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<IResult> NewTokenAsync(HttpContext context, string key, AssetService service)
    {
        var (asset, refusal) = await OwnedAsync(context, null, key, service).ConfigureAwait(false);
        if (asset is null)
        {
            return refusal!;
        }

        var token = AssetService.NewToken();
        await service.Store.SetTokenAsync(asset.Key, token, makePublic: false, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new AssetTokenResponse(token), CargoholdJsonContext.Default.AssetTokenResponse);
    }

    private static async Task<IResult> DeleteTokenAsync(HttpContext context, string key, AssetService service)
    {
        var (asset, refusal) = await OwnedAsync(context, null, key, service).ConfigureAwait(false);
        if (asset is null)
        {
            return refusal!;
        }

        // As in wire-server: without a token the asset becomes public.
        await service.Store.SetTokenAsync(asset.Key, null, makePublic: true, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<IResult> ServeLocalAsync(HttpContext context, string key, IServiceProvider services)
    {
        if (services.GetService<IAssetBlobStore>() is not LocalBlobStore local || !AssetKey.IsValid(key))
        {
            return WireErrors.NotFound("Asset not found");
        }

        var stream = local.OpenSigned(key, context.Request.Query["exp"], context.Request.Query["sig"]);
        if (stream is null)
        {
            return WireErrors.Forbidden("access-denied", "Download link invalid or expired");
        }

        var record = await services.GetRequiredService<IAssetStore>().GetAsync(key, context.RequestAborted).ConfigureAwait(false);
        return Results.Stream(stream, record?.ContentType ?? "application/octet-stream", enableRangeProcessing: false);
    }

    /// <summary>The asset when the caller owns it; otherwise the Wire error to answer (403 no identity, 404 unknown, 403 not owner).</summary>
    private static async Task<(AssetRecord? Asset, IResult? Refusal)> OwnedAsync(HttpContext context, string? domain, string key, AssetService service)
    {
        if (context.ZIdentity() is not { } caller)
        {
            return (null, WireErrors.AccessDenied());
        }

        var asset = await service.FindAsync(domain, key, context.RequestAborted).ConfigureAwait(false);
        if (asset is null)
        {
            return (null, WireErrors.NotFound("Asset not found"));
        }

        return asset.Owner == caller.User ? (asset, null) : (null, WireErrors.Forbidden("unauthorised", "Unauthorised operation"));
    }

    private static bool TokenMatches(string? expected, string? given)
        => !string.IsNullOrEmpty(expected) && !string.IsNullOrEmpty(given)
           && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(given));
}
