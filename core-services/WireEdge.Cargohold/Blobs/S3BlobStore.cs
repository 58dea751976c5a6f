using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace WireEdge.Cargohold.Blobs;

/// <summary>
/// Assets in an S3 bucket (AWS, MinIO or any S3-speaking server), path-style addressing by default;
/// downloads through presigned GET URLs. The upload is spooled to a temporary file first so the SDK
/// gets a seekable stream of known length while memory stays flat.
/// </summary>
public sealed class S3BlobStore : IAssetBlobStore, IDisposable
{
    private readonly AmazonS3Client client;
    private readonly string bucket;
    private readonly TimeProvider time;
    private readonly bool http;

    public S3BlobStore(S3Options options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.time = time;
        bucket = options.Bucket;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrEmpty(options.Endpoint))
        {
            config.ServiceURL = options.Endpoint;
            http = options.Endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey ?? string.Empty, options.SecretKey ?? string.Empty), config);
    }

    public async Task EnsureBucketAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
    }

    public async Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var spool = Path.Combine(Path.GetTempPath(), "wireedge-upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var file = new FileStream(spool, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            await StreamCopy.CopyExactlyAsync(content, file, length, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            await client.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = bucket,
                    Key = key,
                    InputStream = file,
                    AutoCloseStream = false,
                    ContentType = contentType,
                    UseChunkEncoding = false,
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    public string DownloadUrl(string key, TimeSpan ttl) => client.GetPreSignedURL(new GetPreSignedUrlRequest
    {
        BucketName = bucket,
        Key = key,
        Verb = HttpVerb.GET,
        Expires = time.GetUtcNow().Add(ttl).UtcDateTime,
        Protocol = http ? Protocol.HTTP : Protocol.HTTPS,
    });

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
        => await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);

    public void Dispose() => client.Dispose();
}
