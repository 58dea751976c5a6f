using System.Buffers;

namespace WireEdge.Cargohold.Blobs;

internal static class StreamCopy
{
    /// <summary>Copies exactly <paramref name="length"/> bytes with one pooled 64 KiB buffer; throws <see cref="IncompleteBodyException"/> on a short stream.</summary>
    public static async Task CopyExactlyAsync(Stream source, Stream destination, long length, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var left = length;
            while (left > 0)
            {
                int n;
                try
                {
                    n = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw new IncompleteBodyException("Incomplete body", e);
                }

                if (n == 0)
                {
                    throw new IncompleteBodyException();
                }

                await destination.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                left -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
