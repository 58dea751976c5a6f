using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Cargohold.Assets;
using WireEdge.Cargohold.Blobs;
using WireEdge.Cargohold.Sweeping;
using WireEdge.Storage.Connections;
using WireEdge.Testing;

namespace WireEdge.Cargohold.Tests.Assets;

/// <summary>One real host per test class (and an s3rver for the S3 backend).</summary>
public abstract class AssetHostFixture(StorageKind database, bool s3) : IAsyncLifetime
{
    private S3Server? s3Server;

    public bool S3 => s3;

    public CargoholdApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Edge:RateLimits:Enabled"] = "false",
            ["Brig:Argon2:MemoryKiB"] = "64",
            ["Brig:Argon2:Passes"] = "1",
            ["Cargohold:MaxTotalBytesStrict"] = "300000",
            ["Cargohold:DownloadLinkTTL"] = "2",
        };
        if (s3)
        {
            s3Server = await S3Server.StartAsync();
            settings["Cargohold:Backend"] = "s3";
            settings["Cargohold:S3:Endpoint"] = s3Server.Endpoint;
            settings["Cargohold:S3:AccessKey"] = "S3RVER";
            settings["Cargohold:S3:SecretKey"] = "S3RVER";
            settings["Cargohold:S3:Bucket"] = "assets";
        }

        Api = new CargoholdApi(await WireEdgeTestHost.StartAsync(database, settings));
    }

    public async Task DisposeAsync()
    {
        await Api.Host.DisposeAsync();
        if (s3Server is not null)
        {
            await s3Server.DisposeAsync();
        }
    }
}

public sealed class LocalSqliteAssetHost() : AssetHostFixture(StorageKind.Sqlite, s3: false);

public sealed class S3PostgresAssetHost() : AssetHostFixture(StorageKind.Postgres, s3: true);

/// <summary>Cargohold's API over real sockets through the edge, run once per storage backend.</summary>
public abstract partial class AssetEndpointTests(AssetHostFixture fixture)
{
    private readonly bool s3 = fixture.S3;

    protected CargoholdApi Api { get; } = fixture.Api;

    [GeneratedRegex("^3-2-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex PersistentKey();

    [Fact]
    public async Task Upload_PrivateAsset_Returns201WithKeyDomainTokenAndLocation()
    {
        var (_, token) = await Api.NewUserAsync();
        var r = await Api.UploadRawAsync(token, CargoholdApi.UploadBody("frontier", "{\"public\":false,\"retention\":\"persistent\"}", [1, 2, 3]));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        var key = doc.RootElement.GetProperty("key").GetString()!;
        Assert.Matches(PersistentKey(), key);
        Assert.Equal("wire.example.com", doc.RootElement.GetProperty("domain").GetString());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("token").GetString()));
        Assert.False(doc.RootElement.TryGetProperty("expires", out _));
        Assert.Equal($"/assets/wire.example.com/{key}", r.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Download_ByOwner_RedirectsToSignedUrlServingTheSameBytes()
    {
        var (_, token) = await Api.NewUserAsync();
        var bytes = new byte[200_000];
        Random.Shared.NextBytes(bytes);
        var asset = await Api.UploadAsync(token, bytes);
        var redirect = await Api.SendAsync(HttpMethod.Get, $"/v8/assets/wire.example.com/{asset.GetProperty("key").GetString()}", token);
        var (status, body) = await Api.FollowAsync(redirect);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(bytes, body);
    }

    [Fact]
    public async Task Download_ByOtherUser_NeedsTheToken_InHeaderOrQuery()
    {
        var (_, owner) = await Api.NewUserAsync();
        var (_, other) = await Api.NewUserAsync();
        var asset = await Api.UploadAsync(owner, [9, 8, 7]);
        var key = asset.GetProperty("key").GetString();
        var assetToken = asset.GetProperty("token").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, $"/v8/assets/wire.example.com/{key}", other)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, $"/v8/assets/wire.example.com/{key}", other, "wrong-token")).StatusCode);
        var viaHeader = await Api.SendAsync(HttpMethod.Get, $"/v8/assets/wire.example.com/{key}", other, assetToken);
        Assert.Equal([9, 8, 7], (await Api.FollowAsync(viaHeader)).Body);
        var viaQuery = await Api.SendAsync(HttpMethod.Get, $"/v8/assets/wire.example.com/{key}?asset_token={assetToken}", other);
        Assert.Equal([9, 8, 7], (await Api.FollowAsync(viaQuery)).Body);
    }

    [Fact]
    public async Task PublicAsset_HasNoToken_AndAnyUserDownloadsIt()
    {
        var (_, owner) = await Api.NewUserAsync();
        var (_, other) = await Api.NewUserAsync();
        var asset = await Api.UploadAsync(owner, [5], isPublic: true);
        Assert.False(asset.TryGetProperty("token", out _));
        var r = await Api.SendAsync(HttpMethod.Get, $"/v8/assets/wire.example.com/{asset.GetProperty("key").GetString()}", other);
        Assert.Equal([5], (await Api.FollowAsync(r)).Body);
    }

    [Fact]
    public async Task Download_WithoutAccessToken_Is401()
    {
        var (_, owner) = await Api.NewUserAsync();
        var asset = await Api.UploadAsync(owner, [5], isPublic: true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Get, $"/v8/assets/wire.example.com/{asset.GetProperty("key").GetString()}", null)).StatusCode);
    }

    [Theory]
    [InlineData("other.example.com", "3-2-00000000-0000-0000-0000-000000000001")]
    [InlineData("wire.example.com", "3-2-00000000-0000-0000-0000-000000000001")]
    [InlineData("wire.example.com", "not-a-key")]
    [InlineData("wire.example.com", "3-9-00000000-0000-0000-0000-000000000001")]
    public async Task Download_UnknownOrMalformedKey_Is404(string domain, string key)
    {
        var (_, token) = await Api.NewUserAsync();
        var r = await Api.SendAsync(HttpMethod.Get, $"/v8/assets/{domain}/{key}", token);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("not-found", JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Delete_ByOwner_RemovesTheAsset_ByOtherIs403Unauthorised()
    {
        var (_, owner) = await Api.NewUserAsync();
        var (_, other) = await Api.NewUserAsync();
        var asset = await Api.UploadAsync(owner, [1]);
        var path = $"/v8/assets/wire.example.com/{asset.GetProperty("key").GetString()}";
        var denied = await Api.SendAsync(HttpMethod.Delete, path, other);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("unauthorised", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Delete, path, owner)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, path, owner)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Delete, path, owner)).StatusCode);
    }

    [Fact]
    public async Task NewToken_ReplacesTheOldOne_DeleteToken_MakesTheAssetPublic()
    {
        var (_, owner) = await Api.NewUserAsync();
        var (_, other) = await Api.NewUserAsync();
        var asset = await Api.UploadAsync(owner, [4, 2]);
        var key = asset.GetProperty("key").GetString();
        var old = asset.GetProperty("token").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Post, $"/v8/assets/{key}/token", other)).StatusCode);
        var renewed = await Api.SendAsync(HttpMethod.Post, $"/v8/assets/{key}/token", owner);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var fresh = JsonDocument.Parse(await renewed.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
        Assert.NotEqual(old, fresh);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, $"/v8/assets/wire.example.com/{key}", other, old)).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await Api.SendAsync(HttpMethod.Get, $"/v8/assets/wire.example.com/{key}", other, fresh)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Delete, $"/v8/assets/{key}/token", owner)).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await Api.SendAsync(HttpMethod.Get, $"/v8/assets/wire.example.com/{key}", other)).StatusCode);
    }

    [Fact]
    public async Task LegacyV3Paths_UploadAndDownload()
    {
        var (_, token) = await Api.NewUserAsync();
        using var req = new HttpRequestMessage(HttpMethod.Post, "/v1/assets/v3") { Content = new ByteArrayContent(CargoholdApi.UploadBody("b", "{\"public\":false}", [3, 3])) };
        req.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=b");
        req.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var r = await Api.Host.Public.SendAsync(req);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var key = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString();
        Assert.Equal([3, 3], (await Api.FollowAsync(await Api.SendAsync(HttpMethod.Get, $"/v1/assets/v3/{key}", token))).Body);
    }

    [Fact]
    public async Task VolatileAsset_ExpiresIn28Days()
    {
        var (_, token) = await Api.NewUserAsync();
        var asset = await Api.UploadAsync(token, [1], retention: "volatile");
        Assert.StartsWith("3-3-", asset.GetProperty("key").GetString(), StringComparison.Ordinal);
        var expires = DateTimeOffset.Parse(asset.GetProperty("expires").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(28) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(28) + TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Sweeper_DeletesExpiredAssets_MetadataAndBytes()
    {
        var services = Api.Host.Services;
        var store = services.GetRequiredService<IAssetStore>();
        var blobs = services.GetRequiredService<IAssetBlobStore>();
        var key = AssetKey.New(Retention.Volatile);
        await blobs.PutAsync(key, new MemoryStream([1, 2]), 2, "application/octet-stream");
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        await store.InsertAsync(new AssetRecord(key, Guid.NewGuid(), "t", false, 3, "application/octet-stream", 2, past - 1000, past));
        var live = AssetKey.New(Retention.Persistent);
        await store.InsertAsync(new AssetRecord(live, Guid.NewGuid(), "t", false, 2, "application/octet-stream", 2, past, null));

        Assert.True(await services.GetRequiredService<ExpiredAssetSweeper>().SweepOnceAsync() >= 1);
        Assert.Null(await store.GetAsync(key));
        Assert.NotNull(await store.GetAsync(live));
    }

    [Fact]
    public async Task DownloadUrl_StopsWorkingAfterItsTtl()
    {
        var (_, token) = await Api.NewUserAsync();
        var asset = await Api.UploadAsync(token, [1, 2, 3]);
        var redirect = await Api.SendAsync(HttpMethod.Get, $"/v8/assets/wire.example.com/{asset.GetProperty("key").GetString()}", token);
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(4.2));
        var (status, _) = await Api.FollowAsync(redirect);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Upload_OverThePersonalLimit_Is413()
    {
        var (_, token) = await Api.NewUserAsync();
        var r = await Api.UploadRawAsync(token, CargoholdApi.UploadBody("frontier", "{}", new byte[300_001]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Contains("Asset too large", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class AssetEndpointLocalSqliteTests(LocalSqliteAssetHost host) : AssetEndpointTests(host), IClassFixture<LocalSqliteAssetHost>;

public sealed class AssetEndpointS3PostgresTests(S3PostgresAssetHost host) : AssetEndpointTests(host), IClassFixture<S3PostgresAssetHost>;
