using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WireEdge.Cannon.Options;
using WireEdge.Cannon.Sockets;
using WireEdge.Contracts.Push;
using WireEdge.Hosting.Listeners;

namespace WireEdge.Cannon.Registration;

/// <summary>
/// Cannon's side of the presence table: registers sockets under this cannon's advertised internal
/// URI (config <c>Cannon:AdvertiseUri</c>, default the internal listener) and removes them on close.
/// Without a presence registry in the process (cannon alone, no gundeck peer) it does nothing.
/// </summary>
public sealed partial class PresenceLink(IServiceProvider services, ListenerRegistry listeners, IOptions<CannonOptions> options, TimeProvider time, ILogger<PresenceLink> logger)
{
    private Uri? advertised;
    private IPresenceRegistry? registry;
    private bool resolved;

    /// <summary>This cannon's URI as it appears in presences (resolved after the listeners are bound).</summary>
    public Uri AdvertisedUri => advertised ??= ResolveUri();

    public IPresenceRegistry? Registry
    {
        get
        {
            if (!resolved)
            {
                // The first registration wins (TryAdd semantics): a registry registered before the
                // modules (a host override, a test fake) takes precedence over gundeck's own.
                registry = services.GetServices<IPresenceRegistry>().FirstOrDefault();
                resolved = true;
            }

            return registry;
        }
    }

    /// <summary>True when <paramref name="cannon"/> names this process.</summary>
    public bool IsSelf(Uri cannon)
    {
        ArgumentNullException.ThrowIfNull(cannon);
        var self = AdvertisedUri;
        return string.Equals(cannon.Scheme, self.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(cannon.Host, self.Host, StringComparison.OrdinalIgnoreCase)
            && cannon.Port == self.Port;
    }

    /// <summary>Registers the socket; returns the epoch, or null without a presence store.</summary>
    public async Task<string?> RegisterAsync(CannonSocket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var r = Registry;
        if (r is null)
        {
            return null;
        }

        var epoch = await r.RegisterAsync(new Contracts.Push.Presence(socket.User, socket.Connection, AdvertisedUri, socket.Client, time.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken).ConfigureAwait(false);
        return string.IsInterned(epoch) ?? string.Intern(epoch);
    }

    /// <summary>Removes the socket's presence in the background (best effort: gundeck drops stale ones on delivery).</summary>
    public void UnregisterInBackground(CannonSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var r = Registry;
        if (r is null)
        {
            return;
        }

        _ = UnregisterAsync(r, socket.User, socket.Connection);
    }

    private async Task UnregisterAsync(IPresenceRegistry r, Guid user, string connection)
    {
        try
        {
            await r.UnregisterAsync(user, connection, AdvertisedUri).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // best effort; a stale presence is removed when a delivery reports it gone
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnregisterFailed(logger, e);
        }
    }

    private Uri ResolveUri()
    {
        var configured = options.Value.AdvertiseUri;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new Uri(configured, UriKind.Absolute);
        }

        return listeners.BaseUri(ListenerKind.Internal) ?? new Uri("http://127.0.0.1:8085");
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Removing a presence failed")]
    private static partial void LogUnregisterFailed(ILogger logger, Exception exception);
}
