using System.Buffers;
using WireEdge.Cannon.Protocol;

namespace WireEdge.Cannon.Sockets;

public abstract partial class CannonSocket
{
    /// <summary>Called once by the transport's read loop when it ended, whatever the reason: unregisters the socket.</summary>
    private protected void OnReadLoopEnded()
    {
        if (!IsEnded)
        {
            Abort(CloseReason.ClientClosed);
        }

        hub.OnEnded(this);
    }

    /// <summary>
    /// Handles the complete client frames at the start of <paramref name="buffer"/> (only <c>ping</c>,
    /// pings, pongs and close matter) and slices them off; the rest is an incomplete frame.
    /// False when the socket was aborted (protocol error).
    /// </summary>
    private protected bool Process(ref ReadOnlySequence<byte> buffer)
    {
        var max = hub.Options.MaxClientFrameBytes;
        Span<byte> small = stackalloc byte[125];
        while (ClientFrameParser.TryReadHeader(buffer, out var h))
        {
            if (!h.Masked || h.PayloadLength > max || ((byte)h.Opcode >= 0x8 && (h.PayloadLength > 125 || !h.Fin)))
            {
                Abort(CloseReason.ProtocolError);
                return false;
            }

            var total = h.HeaderLength + h.PayloadLength;
            if (buffer.Length < total)
            {
                return true; // wait for the rest of the frame
            }

            var payload = buffer.Slice(h.HeaderLength, h.PayloadLength);
            Volatile.Write(ref lastSeenMs, hub.NowMs());
            switch (h.Opcode)
            {
                case Opcode.Text or Opcode.Binary:
                    if (h.Fin && h.PayloadLength == 4)
                    {
                        var p = small[..4];
                        ClientFrameParser.Unmask(payload, h.MaskKey, p);
                        if (p.SequenceEqual(WebSocketFrames.PingText))
                        {
                            Enqueue(new OutFrame(Opcode.Binary, WebSocketFrames.PongText));
                        }
                    }

                    break;
                case Opcode.Continuation or Opcode.Pong:
                    break;
                case Opcode.Ping:
                    {
                        var data = new byte[(int)h.PayloadLength];
                        ClientFrameParser.Unmask(payload, h.MaskKey, data);
                        Enqueue(new OutFrame(Opcode.Pong, data));
                        break;
                    }

                case Opcode.Close:
                    {
                        var p = small[..(int)h.PayloadLength];
                        ClientFrameParser.Unmask(payload, h.MaskKey, p);
                        var code = p.Length >= 2 ? (ushort)((p[0] << 8) | p[1]) : (ushort)1000;
                        Close(CloseReason.ClientClosed, code, string.Empty);
                        break;
                    }

                default:
                    Abort(CloseReason.ProtocolError);
                    return false;
            }

            buffer = buffer.Slice(total);
        }

        return true;
    }
}
