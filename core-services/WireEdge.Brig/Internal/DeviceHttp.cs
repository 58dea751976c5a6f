using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Identity;

namespace WireEdge.Brig.Internal;

/// <summary>Request helpers shared by the device endpoints.</summary>
internal static class DeviceHttp
{
    /// <summary>Bound on request bodies of the device side (10,000 prekeys fit; the limit check then answers).</summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Reads a JSON body. An empty body gives <paramref name="empty"/> (a 400 when there is none),
    /// malformed JSON a 400 Wire error: a non-null value or an error is always returned.
    /// </summary>
    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpContext context, JsonTypeInfo<T> type, T? empty = default)
        where T : class
    {
        if (context.Request.ContentLength is 0)
        {
            return Empty(empty);
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, WireErrors.TooLarge());
        }

        try
        {
            using var buffer = new MemoryStream();
            await CopyBoundedAsync(context.Request.Body, buffer, context.RequestAborted).ConfigureAwait(false);
            if (buffer.Length == 0)
            {
                return Empty(empty);
            }

            buffer.Position = 0;
            var value = await JsonSerializer.DeserializeAsync(buffer, type, context.RequestAborted).ConfigureAwait(false);
            return value is null && empty is null ? (null, WireErrors.BadRequest("Expected a JSON object")) : (value ?? empty, null);
        }
        catch (JsonException)
        {
            return (null, WireErrors.BadRequest("Malformed JSON body"));
        }
        catch (InvalidDataException)
        {
            return (null, WireErrors.TooLarge());
        }
    }

    private static (T? Value, IResult? Error) Empty<T>(T? empty)
        where T : class
        => empty is null ? (null, WireErrors.BadRequest("Missing JSON body")) : (empty, null);

    private static async Task CopyBoundedAsync(Stream source, MemoryStream target, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (target.Length + n > MaxBodyBytes)
            {
                throw new InvalidDataException("body too large");
            }

            target.Write(buffer, 0, n);
        }
    }

    /// <summary>The caller (Z-User); null when the request did not pass the edge's authentication.</summary>
    public static ZIdentity? Caller(HttpContext context) => context.ZIdentity();

    public static IResult Unauthenticated() => WireErrors.Unauthorized();
}
