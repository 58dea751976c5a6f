using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace WireEdge.Galley.Messaging;

/// <summary>Reads a raw message body into a pooled buffer, refusing bodies over <see cref="MaxBytes"/>.</summary>
public static class MessageBodyReader
{
    /// <summary>Largest message body accepted (40 MiB); larger ones get 413.</summary>
    public const int MaxBytes = 40 * 1024 * 1024;

    /// <summary>The body in a rented buffer (return it with <see cref="ArrayPool{T}.Shared"/>), or null when too large.</summary>
    public static async Task<(byte[]? Buffer, int Length)> ReadAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.ContentLength is > MaxBytes)
        {
            return (null, 0);
        }

        var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = MaxBytes + 1L;
        }

        var body = http.Request.Body;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(http.Request.ContentLength ?? 16 * 1024, MaxBytes) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > MaxBytes)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return (null, 0);
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var n = await body.ReadAsync(buffer.AsMemory(length), http.RequestAborted).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                length += n;
                if (length > MaxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, 0);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return (buffer, length);
    }
}
