using WireEdge.Contracts.Errors;

namespace WireEdge.Cargohold.Upload;

/// <summary>Why an upload was refused, as the Wire error the client gets.</summary>
public sealed class UploadException(WireError error) : Exception(error.Message)
{
    public WireError Error { get; } = error;

    public static UploadException Bad(string message) => new(new WireError(400, "client-error", message));

    public static UploadException Incomplete() => new(new WireError(400, "incomplete-body", "HTTP content is shorter than specified by Content-Length"));

    public static UploadException InvalidLength() => new(new WireError(400, "invalid-length", "Invalid content length"));

    public static UploadException TooLarge() => new(new WireError(413, "client-error", "Asset too large"));
}
