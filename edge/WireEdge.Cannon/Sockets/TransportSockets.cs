using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using WireEdge.Cannon.Protocol;
using WireEdge.Contracts.Ids;

namespace WireEdge.Cannon.Sockets;

/// <summary>A socket over a pair of pipes (a Kestrel connection, or an upgraded HTTP stream).</summary>
public abstract class PipeCannonSocket(CannonHub hub, Guid user, string connection, ClientId? client)
    : CannonSocket(hub, user, connection, client)
{
    protected abstract PipeReader Input { get; }

    protected abstract PipeWriter Output { get; }

    /// <summary>
    /// Reads client frames until the socket ends, then unregisters it. Awaiting the transport holds
    /// no buffer (it does zero-byte reads).
    /// </summary>
    public async Task RunAsync()
    {
        try
        {
            while (true)
            {
                var result = await Input.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled || IsEnded)
                {
                    break;
                }

                var buffer = result.Buffer;
                var keepReading = Process(ref buffer);
                Input.AdvanceTo(buffer.Start, buffer.End);
                if (!keepReading)
                {
                    break;
                }

                if (result.IsCompleted)
                {
                    Abort(IsClosing ? EndReason ?? CloseReason.ClientClosed : CloseReason.ClientClosed);
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException or ConnectionResetException)
        {
            Abort(CloseReason.TransportError);
        }
        finally
        {
            OnReadLoopEnded();
        }
    }

    private protected override void WriteFrame(Opcode opcode, ReadOnlySpan<byte> payload) => WebSocketFrames.Write(Output, opcode, payload);

    private protected override async ValueTask<bool> FlushAsync()
    {
        var result = await Output.FlushAsync().ConfigureAwait(false);
        return !(result.IsCompleted || result.IsCanceled);
    }

    private protected override void CompleteTransport()
    {
        Output.Complete();
        Input.CancelPendingRead();
    }

    protected override void AbortTransport()
    {
        Input.CancelPendingRead();
        AbortPipes();
    }

    /// <summary>Aborts the connection under the pipes.</summary>
    protected abstract void AbortPipes();
}

/// <summary>A socket owning a Kestrel connection directly (the upgrade was handled below HTTP).</summary>
internal sealed class ConnectionSocket(CannonHub hub, Guid user, string connection, ClientId? client, ConnectionContext transport)
    : PipeCannonSocket(hub, user, connection, client)
{
    public override string TransportKind => "connection";

    protected override PipeReader Input => transport.Transport.Input;

    protected override PipeWriter Output => transport.Transport.Output;

    protected override void AbortPipes() => transport.Abort(new ConnectionAbortedException("cannon socket closed"));
}

/// <summary>A socket over an upgraded HTTP request stream (the fallback path through routing).</summary>
internal sealed class StreamSocket(CannonHub hub, Guid user, string connection, ClientId? client, HttpContext http)
    : PipeCannonSocket(hub, user, connection, client)
{
    private PipeReader? input;
    private PipeWriter? output;

    public override string TransportKind => "stream";

    protected override PipeReader Input => input ?? throw new InvalidOperationException("not upgraded yet");

    protected override PipeWriter Output => output ?? throw new InvalidOperationException("not upgraded yet");

    /// <summary>Binds the upgraded stream (after the 101 went out).</summary>
    public void Attach(Stream stream)
    {
        input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 1024, minimumReadSize: 256, leaveOpen: true, useZeroByteReads: true));
        output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    protected override void AbortPipes() => http.Abort();
}
