using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Cannon.Sockets;
using WireEdge.Hosting.Listeners;

namespace WireEdge.Cannon.Handshake;

/// <summary>
/// Kestrel connection middleware in front of HTTP: a connection whose first request is a valid,
/// authenticated <c>GET /await</c> websocket upgrade is taken over here and speaks RFC 6455 directly
/// on the transport pipes, so the socket holds none of Kestrel's per-request HTTP state (headers,
/// HttpContext, streams, middleware frames). Anything else (other paths, invalid or unauthenticated
/// upgrades) is handed to Kestrel untouched, where the pipeline and the <c>/await</c> endpoint answer.
/// </summary>
internal sealed class AwaitConnectionMiddleware(ConnectionDelegate next, ListenOptions listen, IServiceProvider services)
{
    private CannonHub? hub;
    private AwaitHandshake? handshake;
    private ListenerRegistry? listeners;

    public async Task OnConnectedAsync(ConnectionContext connection)
    {
        // Only the connection and the socket stay alive in this frame while the socket is open.
        var socket = await HandshakeAsync(connection).ConfigureAwait(false);
        if (socket is not null)
        {
            await socket.RunAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Reads the request head; returns the live socket, or null once the connection was handed on or answered.</summary>
    private async Task<ConnectionSocket?> HandshakeAsync(ConnectionContext connection)
    {
        hub ??= services.GetRequiredService<CannonHub>();
        var input = connection.Transport.Input;
        AwaitCheck check;
        using (var timeout = new CancellationTokenSource(hub.Options.HandshakeTimeout))
        {
            while (true)
            {
                ReadResult result;
                try
                {
                    result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null; // nothing useful arrived in time: close
                }

                var buffer = result.Buffer;
                var kind = RawRequestHead.Classify(buffer, out var headLength);
                if (kind == RawRequestHead.Kind.NeedMore && !result.IsCompleted)
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }

                if (kind == RawRequestHead.Kind.Ours)
                {
                    var request = RawRequestHead.Parse(buffer.Slice(0, headLength), trustZHeaders: !IsPublic());
                    handshake ??= services.GetRequiredService<AwaitHandshake>();
                    check = handshake.Check(request);
                    if (check.IsAccepted && !hub.IsDraining)
                    {
                        input.AdvanceTo(buffer.GetPosition(headLength));
                        break;
                    }
                }

                // Not ours (or an error the HTTP pipeline answers): leave every byte unexamined for Kestrel.
                input.AdvanceTo(buffer.Start);
                await next(connection).ConfigureAwait(false);
                return null;
            }
        }

        var socket = new ConnectionSocket(hub, check.User, check.Connection, check.Client, connection);
        if (!await hub.AcceptAsync(socket, connection.ConnectionClosed).ConfigureAwait(false))
        {
            await WriteErrorAsync(connection.Transport.Output, 503, "Service Unavailable", "server-error", "Cannot accept websockets now").ConfigureAwait(false);
            return null;
        }

        var output = connection.Transport.Output;
        output.Write(Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + check.AcceptKey + "\r\n\r\n"));
        var flushed = await output.FlushAsync().ConfigureAwait(false);
        if (flushed.IsCompleted)
        {
            socket.Abort(CloseReason.TransportError);
        }
        else
        {
            socket.Start();
        }

        return socket;
    }

    private bool IsPublic()
    {
        listeners ??= services.GetRequiredService<ListenerRegistry>();
        var pub = listeners.EndPoint(ListenerKind.Public);
        return pub is not null && pub.Equals(listen.IPEndPoint);
    }

    internal static async Task WriteErrorAsync(PipeWriter output, int status, string reason, string label, string message)
    {
        output.Write(ErrorResponse(status, reason, label, message));
        await output.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>A complete <c>Connection: close</c> HTTP response with a Wire error body.</summary>
    internal static byte[] ErrorResponse(int status, string reason, string label, string message)
    {
        var body = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteNumber("code", status);
            json.WriteString("label", label);
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {body.WrittenCount}\r\nConnection: close\r\n\r\n");
        return [.. head, .. body.WrittenSpan];
    }
}
