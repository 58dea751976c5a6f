using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;

namespace WireEdge.Brig.Http;

/// <summary>
/// Reads request bodies without minimal-API binding, so any content type is accepted (the client sends
/// <c>application/json;charset=UTF-8</c>, gzip already undone by the host) and every failure is a Wire error.
/// </summary>
internal static class RequestBody
{
    /// <summary>Default limit for JSON bodies of brig's account endpoints.</summary>
    public const int DefaultLimit = 256 * 1024;

    /// <summary>Reads up to <paramref name="limit"/> bytes; null bytes with an error when longer.</summary>
    public static async Task<(byte[]? Bytes, IResult? Error)> ReadBytesAsync(HttpRequest request, int limit)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Min(limit + 1, 4096));
        var body = request.Body;
        try
        {
            while (true)
            {
                var span = buffer.GetMemory(4096);
                var n = await body.ReadAsync(span, request.HttpContext.RequestAborted).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                buffer.Advance(n);
                if (buffer.WrittenCount > limit)
                {
                    return (null, WireErrors.TooLarge());
                }
            }
        }
        catch (InvalidDataException)
        {
            // a Content-Encoding: gzip body that is not gzip (decompressed by the host while we read)
            return (null, WireErrors.BadRequest("Malformed compressed request body"));
        }

        return (buffer.WrittenSpan.ToArray(), null);
    }

    /// <summary>Reads and deserialises a JSON object; malformed JSON, wrong types, an empty body or <c>null</c> are 400.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, int limit = DefaultLimit)
        where T : class
    {
        var (bytes, error) = await ReadBytesAsync(request, limit).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, error);
        }

        if (bytes.Length == 0)
        {
            return (null, WireErrors.BadRequest("Missing request body"));
        }

        try
        {
            var value = JsonSerializer.Deserialize(bytes, typeInfo);
            return value is null ? (null, WireErrors.BadRequest("Expected a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, WireErrors.BadRequest("Malformed JSON: " + Describe(e)));
        }
        catch (InvalidOperationException)
        {
            return (null, WireErrors.BadRequest("Malformed JSON"));
        }
    }

    private static string Describe(JsonException e)
        => e.Path is { Length: > 0 } path ? $"invalid value at {path}" : "invalid document";
}
