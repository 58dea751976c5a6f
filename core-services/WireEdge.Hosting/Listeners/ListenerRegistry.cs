using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace WireEdge.Hosting.Listeners;

/// <summary>Knows the listeners the host opened, and after start their bound ports (port 0 resolves to the real one).</summary>
public sealed class ListenerRegistry
{
    private readonly Dictionary<ListenerKind, ListenOptions> listeners = [];

    public void Add(ListenerKind kind, ListenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        listeners[kind] = options;
        options.Use(next => connection =>
        {
            connection.Items[ListenerKindExtensions.ItemKey] = kind;
            return next(connection);
        });
    }

    /// <summary>The bound endpoint of a listener, or null when it is not open.</summary>
    public IPEndPoint? EndPoint(ListenerKind kind) => listeners.TryGetValue(kind, out var o) ? o.IPEndPoint : null;

    /// <summary>Base URI of a listener (loopback substituted for the any-address).</summary>
    public Uri? BaseUri(ListenerKind kind)
    {
        var ep = EndPoint(kind);
        if (ep is null)
        {
            return null;
        }

        var host = ep.Address.Equals(IPAddress.Any) || ep.Address.Equals(IPAddress.IPv6Any) ? "127.0.0.1" : ep.Address.ToString();
        return new Uri($"http://{host}:{ep.Port}");
    }
}
