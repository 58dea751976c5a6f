using WireEdge.Cannon.Protocol;

namespace WireEdge.Cannon.Sockets;

public abstract partial class CannonSocket
{
    /// <summary>
    /// The single writer: drains the queue into the transport (one flush per batch) and exits when
    /// the queue is empty, so an idle socket has no pending writer.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                var count = 0;
                var closeAfter = false;
                lock (this)
                {
                    if (state == StateClosed)
                    {
                        writing = false;
                        return;
                    }

                    if (queue is null || queue.Count == 0)
                    {
                        writing = false;
                        if (state == StateOpen)
                        {
                            queue = null; // idle sockets hold no queue
                        }

                        return;
                    }

                    while (queue.TryDequeue(out var f))
                    {
                        WriteFrame(f.Opcode, f.Payload.Span);
                        count++;
                        if (f.Opcode == Opcode.Close)
                        {
                            closeAfter = true;
                            queue.Clear();
                            break;
                        }
                    }
                }

                hub.Metrics.FramesSent(count);
                var sent = await FlushAsync().ConfigureAwait(false);
                if (closeAfter)
                {
                    Finish();
                    return;
                }

                if (!sent)
                {
                    Abort(CloseReason.TransportError);
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            Abort(CloseReason.TransportError);
        }
    }

    /// <summary>After the close frame went out: stop reading so the connection ends.</summary>
    private void Finish()
    {
        lock (this)
        {
            if (state == StateClosed)
            {
                return;
            }

            state = StateClosed;
            writing = false;
            queue = null;
        }

        hub.Metrics.Closed(EndReason ?? CloseReason.ClientClosed);
        try
        {
            CompleteTransport();
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
        }
    }
}
