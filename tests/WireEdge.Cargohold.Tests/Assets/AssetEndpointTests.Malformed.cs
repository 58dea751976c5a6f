using System.Net;
using System.Text;
using System.Text.Json;

namespace WireEdge.Cargohold.Tests.Assets;

/// <summary>Every malformed upload gets a Wire 400/413 body and stores nothing.</summary>
public abstract partial class AssetEndpointTests
{
    public static TheoryData<string, string, string> MalformedBodies() => new()
    {
        // name, body (\n → CRLF; {B} = boundary), expected label
        { "only one part", "--{B}\nContent-Type: application/json\nContent-Length: 2\n\n{}\n--{B}--\n", "client-error" },
        { "three parts", "--{B}\nContent-Type: application/json\nContent-Length: 2\n\n{}\n--{B}\nContent-Type: application/octet-stream\nContent-Length: 1\n\nx\n--{B}\nContent-Type: text/plain\nContent-Length: 1\n\ny\n--{B}--\n", "client-error" },
        { "unknown part header", "--{B}\nContent-Type: application/json\nContent-Length: 2\n\n{}\n--{B}\nContent-Type: application/octet-stream\nContent-Length: 1\nX-Extra: 1\n\nx\n--{B}--\n", "client-error" },
        { "duplicate part header", "--{B}\nContent-Type: application/json\nContent-Length: 2\n\n{}\n--{B}\nContent-Type: application/octet-stream\nContent-Length: 1\nContent-Length: 1\n\nx\n--{B}--\n", "client-error" },
        { "settings not json", "--{B}\nContent-Type: application/json\nContent-Length: 3\n\nnop\n--{B}\nContent-Type: application/octet-stream\nContent-Length: 1\n\nx\n--{B}--\n", "client-error" },
        { "settings wrong type", "--{B}\nContent-Type: text/plain\nContent-Length: 2\n\n{}\n--{B}\nContent-Type: application/octet-stream\nContent-Length: 1\n\nx\n--{B}--\n", "client-error" },
        { "bad retention", "--{B}\nContent-Type: application/json\nContent-Length: 21\n\n{\"retention\":\"never\"}\n--{B}\nContent-Type: application/octet-stream\nContent-Length: 1\n\nx\n--{B}--\n", "client-error" },
        { "zero length", "--{B}\nContent-Type: application/json\nContent-Length: 2\n\n{}\n--{B}\nContent-Type: application/octet-stream\nContent-Length: 0\n\n\n--{B}--\n", "invalid-length" },
        { "negative length", "--{B}\nContent-Type: application/json\nContent-Length: 2\n\n{}\n--{B}\nContent-Type: application/octet-stream\nContent-Length: -5\n\nx\n--{B}--\n", "invalid-length" },
        { "missing length", "--{B}\nContent-Type: application/json\nContent-Length: 2\n\n{}\n--{B}\nContent-Type: application/octet-stream\n\nx\n--{B}--\n", "invalid-length" },
        { "missing asset content type", "--{B}\nContent-Type: application/json\nContent-Length: 2\n\n{}\n--{B}\nContent-Length: 1\n\nx\n--{B}--\n", "client-error" },
        { "short asset part", "--{B}\nContent-Type: application/json\nContent-Length: 2\n\n{}\n--{B}\nContent-Type: application/octet-stream\nContent-Length: 100\n\nonly a few bytes\n--{B}--\n", "incomplete-body" },
        { "long asset part", "--{B}\nContent-Type: application/json\nContent-Length: 2\n\n{}\n--{B}\nContent-Type: application/octet-stream\nContent-Length: 2\n\nmore than two\n--{B}--\n", "client-error" },
        { "truncated body", "--{B}\nContent-Type: application/json\nContent-Length: 2\n\n{}\n--{B}\nContent-Type: application/octet-stream\nContent-Length: 10\n\nabc", "incomplete-body" },
        { "no boundary at all", "just some bytes", "incomplete-body" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Upload_Malformed_IsWire400_AndStoresNothing(string name, string template, string label)
    {
        var (_, token) = await Api.NewUserAsync();
        var before = StoredFiles();
        var body = Encoding.UTF8.GetBytes(template.Replace("{B}", "frontier", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
        var r = await Api.UploadRawAsync(token, body);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)r.StatusCode} {text}");
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(400, doc.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(label, doc.RootElement.GetProperty("label").GetString());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("message").GetString()));
        Assert.Equal(before, StoredFiles());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("multipart/form-data; boundary=frontier")]
    [InlineData("multipart/mixed")]
    public async Task Upload_WrongContentType_Is400(string contentType)
    {
        var (_, token) = await Api.NewUserAsync();
        var r = await Api.UploadRawAsync(token, CargoholdApi.UploadBody("frontier", "{}", [1]), contentType);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("client-error", JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("label").GetString());
    }

    /// <summary>Files of the local store (the S3 store spools to a temporary file deleted on close, and reaches the bucket only with a complete part).</summary>
    private string[] StoredFiles()
    {
        var dir = Path.Combine(Api.Host.DataDirectory, "assets");
        return s3 || !Directory.Exists(dir) ? [] : [.. Directory.GetFiles(dir).Order(StringComparer.Ordinal)];
    }
}
