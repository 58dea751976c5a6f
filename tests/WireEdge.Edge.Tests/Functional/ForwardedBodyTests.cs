using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WireEdge.Edge.Tests.Functional;

/// <summary>
/// Response bodies relayed by the edge's HTTP/1.1 forwarder from a remote upstream, over real sockets:
/// a download larger than the forwarder's buffer must arrive complete and the request must end
/// (cargohold's signed download in the distributed topology), whatever the body framing.
/// </summary>
public sealed class ForwardedBodyTests
{
    private const string Route = "{\"path\": \"/blobs/\", \"upstream\": \"spar\", \"zauth\": false, \"unlimited\": true, \"versioned\": false}";

    // Generous: only there so that a hung relay fails the test instead of hanging the run.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(300_000)]
    [InlineData(16 * 1024)]
    [InlineData(5 * 1024 * 1024 + 3)]
    public async Task ContentLengthBody_LargerThanBuffer_ArrivesCompleteAndTheRequestEnds(int size)
    {
        await using var blobs = await BlobUpstream.StartAsync();
        await using var edge = await StartEdgeAsync(blobs);
        using var client = NewClient(edge);
        for (var i = 0; i < 3; i++)
        {
            using var cts = new CancellationTokenSource(HangGuard);
            using var r = await client.GetAsync(new Uri($"/blobs/length/{size}?n={i}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync(cts.Token)}");
            Assert.Equal(size, r.Content.Headers.ContentLength);
            var body = await r.Content.ReadAsByteArrayAsync(cts.Token);
            Assert.Equal(BlobUpstream.Bytes(size), body);
        }
    }

    /// <summary>
    /// <c>headfirst</c>: as cargohold's signed download, the head comes first and the body later, so the edge
    /// starts the client response before the body; the last piece used to stay unflushed in the edge until
    /// the client gave up. <c>chunked</c>: a chunked body larger than the buffer.
    /// </summary>
    [Theory]
    [InlineData("headfirst")]
    [InlineData("chunked")]
    public async Task StreamedBody_ArrivesCompleteAndTheRequestEnds(string shape)
    {
        await using var blobs = await BlobUpstream.StartAsync();
        await using var edge = await StartEdgeAsync(blobs);
        using var client = NewClient(edge);
        const int size = 300_000;
        for (var i = 0; i < 3; i++)
        {
            using var cts = new CancellationTokenSource(HangGuard);
            var body = await client.GetByteArrayAsync(new Uri($"/blobs/{shape}/{size}", UriKind.Relative), cts.Token);
            Assert.Equal(BlobUpstream.Bytes(size), body);
        }
    }

    [Fact]
    public async Task Redirect_WithEmptyBody_ThenDownloadOnTheSameConnections_Works()
    {
        await using var blobs = await BlobUpstream.StartAsync();
        await using var edge = await StartEdgeAsync(blobs);
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = true, MaxConnectionsPerServer = 1 };
        using var client = new HttpClient(handler) { BaseAddress = edge.Host.PublicUri };
        const int size = 300_000;
        for (var i = 0; i < 3; i++)
        {
            using var cts = new CancellationTokenSource(HangGuard);
            var body = await client.GetByteArrayAsync(new Uri($"/blobs/redirect/{size}?asset_token=t{i}", UriKind.Relative), cts.Token);
            Assert.Equal(BlobUpstream.Bytes(size), body);
        }

        Assert.Equal("?asset_token=t2", blobs.LastRedirectQuery);
    }

    [Fact]
    public async Task SlowDownload_LongerInTotalThanTheResponseTimeout_IsNotCutOff()
    {
        // 20 pieces 300 ms apart: about 6 s in all, each gap far below the 3 s timeout.
        await using var blobs = await BlobUpstream.StartAsync();
        await using var edge = await StartEdgeAsync(blobs, responseTimeoutSeconds: 3);
        using var client = NewClient(edge);
        using var cts = new CancellationTokenSource(HangGuard);
        var body = await client.GetByteArrayAsync(new Uri("/blobs/slow/20", UriKind.Relative), cts.Token);
        Assert.Equal(BlobUpstream.Bytes(20 * BlobUpstream.SlowPiece), body);
    }

    [Fact]
    public async Task SlowUpload_LongerInTotalThanTheResponseTimeout_IsNotCutOff()
    {
        await using var blobs = await BlobUpstream.StartAsync();
        await using var edge = await StartEdgeAsync(blobs, responseTimeoutSeconds: 3);
        using var client = NewClient(edge);
        using var cts = new CancellationTokenSource(HangGuard);
        var bytes = BlobUpstream.Bytes(20 * BlobUpstream.SlowPiece);
        using var content = new StreamContent(new DribblingStream(bytes, BlobUpstream.SlowPiece, TimeSpan.FromMilliseconds(300)));
        content.Headers.ContentLength = bytes.Length;
        using var r = await client.PostAsync(new Uri("/blobs/upload", UriKind.Relative), content, cts.Token);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)), await r.Content.ReadAsStringAsync(cts.Token));
    }

    private static Task<EdgeHost> StartEdgeAsync(BlobUpstream blobs, int responseTimeoutSeconds = 60) =>
        EdgeHost.StartAsync(extraRoutes: [Route], settings: new Dictionary<string, string?>
        {
            ["Edge:Upstreams:spar"] = blobs.BaseUri.ToString(),
            ["Edge:ResponseTimeoutSeconds"] = responseTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static HttpClient NewClient(EdgeHost edge) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = edge.Host.PublicUri };

    /// <summary>
    /// A remote upstream serving deterministic bytes: <c>/blobs/length/n</c> with Content-Length,
    /// <c>/blobs/chunked/n</c> chunked, <c>/blobs/redirect/n</c> a 302 (Content-Length: 0) to the first.
    /// </summary>
    private sealed class BlobUpstream : IAsyncDisposable
    {
        private readonly WebApplication app;

        private BlobUpstream(WebApplication app, Uri baseUri)
        {
            this.app = app;
            BaseUri = baseUri;
        }

        public const int SlowPiece = 16 * 1024;

        public Uri BaseUri { get; }

        public string? LastRedirectQuery { get; private set; }

        public static byte[] Bytes(int size)
        {
            var b = new byte[size];
            for (var i = 0; i < size; i++)
            {
                b[i] = (byte)((i * 31) ^ (i >> 8));
            }

            return b;
        }

        public static async Task<BlobUpstream> StartAsync()
        {
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            BlobUpstream? self = null;
            app.MapGet("/blobs/length/{size:int}", async (HttpContext c, int size) =>
            {
                var bytes = Bytes(size);
                c.Response.ContentType = "application/octet-stream";
                c.Response.ContentLength = size;
                // Several writes with flushes: the edge sees the body in pieces of different sizes.
                for (var at = 0; at < size; at += 40_000)
                {
                    await c.Response.Body.WriteAsync(bytes.AsMemory(at, Math.Min(40_000, size - at)));
                    await c.Response.Body.FlushAsync();
                }
            });
            app.MapGet("/blobs/headfirst/{size:int}", async (HttpContext c, int size) =>
            {
                var bytes = Bytes(size);
                c.Response.ContentType = "application/octet-stream";
                c.Response.ContentLength = size;
                await c.Response.StartAsync();
                await c.Response.Body.FlushAsync();
                await Task.Delay(100);
                for (var at = 0; at < size; at += 40_000)
                {
                    await c.Response.Body.WriteAsync(bytes.AsMemory(at, Math.Min(40_000, size - at)));
                    await c.Response.Body.FlushAsync();
                }
            });
            app.MapGet("/blobs/chunked/{size:int}", async (HttpContext c, int size) =>
            {
                var bytes = Bytes(size);
                c.Response.ContentType = "application/octet-stream";
                for (var at = 0; at < size; at += 40_000)
                {
                    await c.Response.Body.WriteAsync(bytes.AsMemory(at, Math.Min(40_000, size - at)));
                    await c.Response.Body.FlushAsync();
                }
            });
            app.MapGet("/blobs/redirect/{size:int}", (HttpContext c, int size) =>
            {
                self!.LastRedirectQuery = c.Request.QueryString.Value;
                return Results.Redirect($"/blobs/length/{size}?exp=1&sig=x");
            });
            app.MapGet("/blobs/slow/{pieces:int}", async (HttpContext c, int pieces) =>
            {
                var bytes = Bytes(pieces * SlowPiece);
                c.Response.ContentType = "application/octet-stream";
                c.Response.ContentLength = bytes.Length;
                for (var i = 0; i < pieces; i++)
                {
                    await Task.Delay(300);
                    await c.Response.Body.WriteAsync(bytes.AsMemory(i * SlowPiece, SlowPiece));
                    await c.Response.Body.FlushAsync();
                }
            });
            app.MapPost("/blobs/upload", async (HttpContext c) =>
            {
                using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
                var buf = new byte[8192];
                int n;
                while ((n = await c.Request.Body.ReadAsync(buf)) > 0)
                {
                    sha.AppendData(buf, 0, n);
                }

                return Results.Text(Convert.ToHexString(sha.GetHashAndReset()));
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            self = new BlobUpstream(app, new Uri(address));
            return self;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A request body that arrives in pieces with a pause before each (a slow client).</summary>
    private sealed class DribblingStream(byte[] data, int piece, TimeSpan pause) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position == data.Length)
            {
                return 0;
            }

            await Task.Delay(pause, cancellationToken);
            var n = Math.Min(Math.Min(piece, buffer.Length), data.Length - position);
            data.AsMemory(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
