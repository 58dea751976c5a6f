using WireEdge.Cannon.Protocol;

namespace WireEdge.Cannon.Sockets;

/// <summary>A frame waiting to be written; the payload is shared (never copied per socket).</summary>
internal readonly record struct OutFrame(Opcode Opcode, ReadOnlyMemory<byte> Payload);

/// <summary>Outcome of queueing a frame on a socket.</summary>
public enum EnqueueResult
{
    Queued,

    /// <summary>The socket is closed or closing.</summary>
    Gone,

    /// <summary>The bound was exceeded; the socket is being closed.</summary>
    Overflow,
}
