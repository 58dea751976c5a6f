using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using WireEdge.Cannon.Protocol;

namespace WireEdge.Benchmarks.Cannon;

/// <summary>
/// Cannon's per-frame hot paths: writing one notification frame (header + shared payload) into a
/// socket's pipe, and parsing a masked client <c>ping</c>. Neither may allocate.
/// </summary>
[MemoryDiagnoser]
public class CannonFrameBenchmarks
{
    private static readonly byte[] Ping = [0x81, 0x84, 1, 2, 3, 4, (byte)('p' ^ 1), (byte)('i' ^ 2), (byte)('n' ^ 3), (byte)('g' ^ 4)];
    private readonly Pipe pipe = new(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
    private byte[] notification = [];

    [Params(200, 4096)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup() => notification = new byte[PayloadBytes];

    [Benchmark]
    public long WriteNotificationFrame()
    {
        WebSocketFrames.Write(pipe.Writer, Opcode.Binary, notification);
        _ = pipe.Writer.FlushAsync().GetAwaiter().GetResult();
        pipe.Reader.TryRead(out var r);
        var n = r.Buffer.Length;
        pipe.Reader.AdvanceTo(r.Buffer.End);
        return n;
    }

    [Benchmark]
    public bool ParseClientPing()
    {
        var seq = new ReadOnlySequence<byte>(Ping);
        if (!ClientFrameParser.TryReadHeader(seq, out var h))
        {
            return false;
        }

        Span<byte> p = stackalloc byte[4];
        ClientFrameParser.Unmask(seq.Slice(h.HeaderLength, h.PayloadLength), h.MaskKey, p);
        return p.SequenceEqual(WebSocketFrames.PingText);
    }
}
