using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Ids;

namespace WireEdge.Cannon.Sockets;

/// <summary>A socket owning a Kestrel connection directly (the upgrade was handled below HTTP).</summary>
internal sealed class ConnectionSocket(CannonHub hub, Guid user, string connection, ClientId? client, ConnectionContext transport)
    : CannonSocket(hub, user, connection, client)
{
    protected override PipeReader Input => transport.Transport.Input;

    protected override PipeWriter Output => transport.Transport.Output;

    protected override void AbortTransport() => transport.Abort(new ConnectionAbortedException("cannon socket closed"));
}

/// <summary>A socket over an upgraded HTTP request stream (the fallback path through routing).</summary>
internal sealed class StreamSocket(CannonHub hub, Guid user, string connection, ClientId? client, HttpContext http)
    : CannonSocket(hub, user, connection, client)
{
    private PipeReader? input;
    private PipeWriter? output;

    protected override PipeReader Input => input ?? throw new InvalidOperationException("not upgraded yet");

    protected override PipeWriter Output => output ?? throw new InvalidOperationException("not upgraded yet");

    /// <summary>Binds the upgraded stream (after the 101 went out).</summary>
    public void Attach(Stream stream)
    {
        input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 1024, minimumReadSize: 256, leaveOpen: true, useZeroByteReads: true));
        output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    protected override void AbortTransport() => http.Abort();
}
