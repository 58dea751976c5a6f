using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace WireEdge.Edge.Forwarding;

/// <summary>The shared YARP client (keep-alive pool) used for websockets and requests the lean forwarder does not take.</summary>
public sealed class YarpForwarding : IDisposable
{
    public YarpForwarding(IOptions<EdgeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        Client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(Math.Max(1, o.ConnectTimeoutSeconds)),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(50),
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        });
        Request = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(Math.Max(1, o.ResponseTimeoutSeconds)), Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        WebSocket = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromHours(1), Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
    }

    public HttpMessageInvoker Client { get; }

    public ForwarderRequestConfig Request { get; }

    /// <summary>nginz: <c>proxy_read_timeout 1h</c> on websocket routes.</summary>
    public ForwarderRequestConfig WebSocket { get; }

    public void Dispose() => Client.Dispose();
}
