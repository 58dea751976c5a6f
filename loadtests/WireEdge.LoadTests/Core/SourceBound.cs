using System.Net;
using System.Net.Sockets;

namespace WireEdge.LoadTests.Core;

/// <summary>Binds a handler's outgoing sockets to one local address (<c>--source-address</c>), so that several runner
/// processes on one host each have their own ephemeral-port range towards the same target.</summary>
public static class SourceBound
{
    public static SocketsHttpHandler Bind(SocketsHttpHandler handler, IPAddress? source)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (source is null)
        {
            return handler;
        }

        handler.ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return handler;
    }
}
