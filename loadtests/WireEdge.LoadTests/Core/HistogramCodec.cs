using HdrHistogram;
using HdrHistogram.Utilities;

namespace WireEdge.LoadTests.Core;

/// <summary>HdrHistogram's standard compressed encoding (V2, deflate) as base64: the form a JSON report carries so
/// that reports of several runner processes can be merged exactly (percentiles of the union, not averages).</summary>
public static class HistogramCodec
{
    public static string Encode(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        var bytes = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes into <paramref name="into"/> (added, so values already there stay).</summary>
    public static void DecodeInto(string base64, HistogramBase into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var bytes = Convert.FromBase64String(base64);
        var decoded = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(bytes), 0);
        into.Add(decoded);
    }
}
