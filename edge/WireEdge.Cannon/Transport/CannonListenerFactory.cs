using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WireEdge.Cannon.Transport;

/// <summary>
/// Kestrel's transport for the IP listeners of a process that hosts cannon (registered after
/// Kestrel's socket transport, so Kestrel prefers it; see <see cref="CannonListener"/>). It honours
/// <see cref="SocketTransportOptions"/> (listen socket, backlog, no-delay, and for the connections
/// handed to Kestrel the queue count, buffer sizes and inline scheduling).
/// Disabled with <c>Cannon:LeanTransport=false</c>, which leaves Kestrel's socket transport in place.
/// </summary>
internal sealed class CannonListenerFactory(IOptions<SocketTransportOptions> options, ILoggerFactory loggers, IServiceProvider services)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endpoint) => endpoint is IPEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        Socket? socket = null;
        try
        {
            // Bind and listen both report a taken port; Kestrel's own transport turns that into AddressInUseException.
            socket = o.CreateBoundListenSocket(endpoint);
            socket.Listen(o.Backlog);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket?.Dispose();
            throw new AddressInUseException(e.Message, e);
        }
        catch
        {
            socket?.Dispose();
            throw;
        }

        var factory = new SocketConnectionContextFactory(
            new SocketConnectionFactoryOptions
            {
                IOQueueCount = o.IOQueueCount,
                WaitForDataBeforeAllocatingBuffer = o.WaitForDataBeforeAllocatingBuffer,
                MaxReadBufferSize = o.MaxReadBufferSize,
                MaxWriteBufferSize = o.MaxWriteBufferSize,
                UnsafePreferInlineScheduling = o.UnsafePreferInlineScheduling,
            },
            loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets"));
        var logger = loggers.CreateLogger<CannonListener>();
        return new ValueTask<IConnectionListener>(new CannonListener(socket, factory, o.NoDelay, services, logger));
    }
}
