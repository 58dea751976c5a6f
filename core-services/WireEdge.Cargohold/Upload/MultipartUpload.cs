using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using WireEdge.Cargohold.Blobs;
using WireEdge.Cargohold.Json;

namespace WireEdge.Cargohold.Upload;

/// <summary>
/// Reads a Wire asset upload: <c>multipart/mixed</c> with exactly two parts (FACTS.md §8), JSON
/// settings and then the bytes, each part carrying only <c>Content-Type</c>, <c>Content-Length</c> and
/// (asset part only) <c>Content-MD5</c>. The asset bytes are handed to <paramref name="storeAsync"/> as a
/// stream of exactly the declared length; they are never buffered whole.
/// </summary>
public static class MultipartUpload
{
    private const int MaxSettingsBytes = 64 * 1024;
    private static readonly string[] SettingsHeaders = ["Content-Type", "Content-Length"];
    private static readonly string[] AssetHeaders = ["Content-Type", "Content-Length", "Content-MD5"];

    /// <summary>
    /// Parses the upload and stores the asset. <paramref name="storeAsync"/> gets the settings, the
    /// content type, the declared length and the stream; <paramref name="discardAsync"/> undoes a
    /// store when the rest of the body turns out invalid. Throws <see cref="UploadException"/>.
    /// </summary>
    public static async Task<(UploadSettings Settings, string ContentType, long Length)> ReadAsync(
        HttpRequest request,
        long maxBytes,
        Func<UploadSettings, string, long, Stream, Task> storeAsync,
        Func<Task> discardAsync,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(storeAsync);
        ArgumentNullException.ThrowIfNull(discardAsync);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            throw UploadException.Bad("Expected Content-Type multipart/mixed");
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw UploadException.Bad("Missing or invalid multipart boundary");
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 8, HeadersLengthLimit = 8 * 1024 };
        try
        {
            var first = await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) ?? throw UploadException.Bad("Missing settings part");
            var settings = await ReadSettingsAsync(first, cancellationToken).ConfigureAwait(false);

            var second = await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) ?? throw UploadException.Bad("Missing asset part");
            CheckHeaders(second, AssetHeaders);
            var contentType = Single(second, "Content-Type") ?? throw UploadException.Bad("Missing Content-Type of the asset part");
            var length = ParseLength(Single(second, "Content-Length"));
            if (length <= 0)
            {
                throw UploadException.InvalidLength();
            }

            if (length > maxBytes)
            {
                throw UploadException.TooLarge();
            }

            await storeAsync(settings, contentType, length, second.Body).ConfigureAwait(false);
            try
            {
                if (await HasMoreAsync(second.Body, cancellationToken).ConfigureAwait(false))
                {
                    throw UploadException.Bad("Asset part is longer than its Content-Length");
                }

                if (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    throw UploadException.Bad("Expected exactly two parts");
                }
            }
            catch
            {
                await discardAsync().ConfigureAwait(false);
                throw;
            }

            return (settings, contentType, length);
        }
        catch (IncompleteBodyException)
        {
            throw UploadException.Incomplete();
        }
        catch (IOException)
        {
            throw UploadException.Incomplete();
        }
        catch (InvalidDataException e)
        {
            throw UploadException.Bad("Malformed multipart body: " + e.Message);
        }
    }

    private static async Task<UploadSettings> ReadSettingsAsync(MultipartSection section, CancellationToken cancellationToken)
    {
        CheckHeaders(section, SettingsHeaders);
        var type = Single(section, "Content-Type");
        if (type is null || !MediaTypeHeaderValue.TryParse(type, out var mt) || !mt.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw UploadException.Bad("The first part must be application/json");
        }

        var length = ParseLength(Single(section, "Content-Length"));
        if (length <= 0 || length > MaxSettingsBytes)
        {
            throw UploadException.InvalidLength();
        }

        var buffer = new byte[length];
        await section.Body.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (await HasMoreAsync(section.Body, cancellationToken).ConfigureAwait(false))
        {
            throw UploadException.Bad("Settings part is longer than its Content-Length");
        }

        try
        {
            return JsonSerializer.Deserialize(buffer, CargoholdJsonContext.Default.UploadSettings) ?? throw UploadException.Bad("Invalid asset settings");
        }
        catch (JsonException)
        {
            throw UploadException.Bad("Invalid asset settings");
        }
    }

    private static void CheckHeaders(MultipartSection section, string[] allowed)
    {
        if (section.Headers is null)
        {
            throw UploadException.Bad("Missing part headers");
        }

        foreach (var (name, values) in section.Headers)
        {
            if (!allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw UploadException.Bad($"Unexpected part header {name}");
            }

            if (values.Count != 1)
            {
                throw UploadException.Bad($"Duplicate part header {name}");
            }
        }
    }

    private static string? Single(MultipartSection section, string name)
        => section.Headers is not null && section.Headers.TryGetValue(name, out StringValues v) && v.Count == 1 ? v[0] : null;

    private static long ParseLength(string? text)
        => long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw UploadException.InvalidLength();

    private static async Task<bool> HasMoreAsync(Stream body, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        return await body.ReadAsync(one, cancellationToken).ConfigureAwait(false) > 0;
    }
}
