using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WireEdge.Testing;

namespace WireEdge.Cargohold.Tests.Assets;

/// <summary>Raw HTTP against the public listener, as the official client sends it (multipart/mixed uploads).</summary>
public sealed class CargoholdApi(WireEdgeTestHost host)
{
    public WireEdgeTestHost Host => host;

    /// <summary>Registers and logs in a new user; returns its id and access token.</summary>
    public async Task<(Guid Id, string Token)> NewUserAsync()
    {
        var email = $"u{Guid.NewGuid():N}@example.com";
        const string password = "correct horse battery";
        var reg = await host.Public.PostAsync("/v8/register", Json($"{{\"name\":\"Asset User\",\"email\":\"{email}\",\"password\":\"{password}\"}}"));
        Assert.Equal(HttpStatusCode.Created, reg.StatusCode);
        var login = await host.Public.PostAsync("/v8/login?persist=true", Json($"{{\"email\":\"{email}\",\"password\":\"{password}\"}}"));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var doc = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        return (Guid.Parse(doc.RootElement.GetProperty("user").GetString()!), doc.RootElement.GetProperty("access_token").GetString()!);
    }

    public static HttpContent Json(string json)
    {
        var c = new StringContent(json, Encoding.UTF8);
        c.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        return c;
    }

    /// <summary>The upload body the official client builds: two parts, CRLF, each with Content-Type and Content-Length.</summary>
    public static byte[] UploadBody(string boundary, string settingsJson, byte[] asset, string? assetLengthHeader = null, string extraAssetHeaders = "", bool close = true)
    {
        var ms = new MemoryStream();
        void W(string s) => ms.Write(Encoding.UTF8.GetBytes(s));
        var settings = Encoding.UTF8.GetBytes(settingsJson);
        W($"--{boundary}\r\nContent-Type: application/json;charset=utf-8\r\nContent-length: {settings.Length}\r\n\r\n");
        ms.Write(settings);
        W($"\r\n--{boundary}\r\nContent-Type: application/octet-stream\r\nContent-length: {assetLengthHeader ?? asset.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}\r\n{extraAssetHeaders}\r\n");
        ms.Write(asset);
        if (close)
        {
            W($"\r\n--{boundary}--\r\n");
        }

        return ms.ToArray();
    }

    public async Task<HttpResponseMessage> UploadRawAsync(string token, byte[] body, string contentType = "multipart/mixed; boundary=frontier")
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/v8/assets") { Content = new ByteArrayContent(body) };
        req.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await host.Public.SendAsync(req);
    }

    public async Task<JsonElement> UploadAsync(string token, byte[] asset, bool isPublic = false, string retention = "persistent")
    {
        var r = await UploadRawAsync(token, UploadBody("frontier", $"{{\"public\":{(isPublic ? "true" : "false")},\"retention\":\"{retention}\"}}", asset));
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? assetToken = null)
    {
        using var req = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (assetToken is not null)
        {
            req.Headers.Add("Asset-Token", assetToken);
        }

        return await host.Public.SendAsync(req);
    }

    /// <summary>Follows a download redirect the way a browser or S3 client would: no Authorization header.</summary>
    public async Task<(HttpStatusCode Status, byte[] Body)> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        var absolute = location.IsAbsoluteUri ? location : new Uri(host.PublicUri!, location);
        using var client = new HttpClient();
        var r = await client.GetAsync(absolute);
        return (r.StatusCode, await r.Content.ReadAsByteArrayAsync());
    }
}
