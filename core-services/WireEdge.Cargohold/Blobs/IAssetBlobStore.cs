namespace WireEdge.Cargohold.Blobs;

/// <summary>Where asset bytes live: a local directory (default) or an S3 bucket.</summary>
public interface IAssetBlobStore
{
    /// <summary>
    /// Stores exactly <paramref name="length"/> bytes read from <paramref name="content"/>, streaming (never
    /// holding the asset in memory). Throws <see cref="IncompleteBodyException"/> when the stream ends early;
    /// nothing is left behind on failure.
    /// </summary>
    Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken cancellationToken = default);

    /// <summary>A URL the asset can be downloaded from without other credentials, valid for <paramref name="ttl"/>.</summary>
    string DownloadUrl(string key, TimeSpan ttl);

    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>The request body ended before the declared <c>Content-Length</c> of the asset part.</summary>
public sealed class IncompleteBodyException : Exception
{
    public IncompleteBodyException()
        : base("Incomplete body")
    {
    }

    public IncompleteBodyException(string message)
        : base(message)
    {
    }

    public IncompleteBodyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
