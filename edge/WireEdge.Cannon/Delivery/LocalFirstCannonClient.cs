using Microsoft.Extensions.DependencyInjection;
using WireEdge.Cannon.Sockets;
using WireEdge.Contracts.Push;

namespace WireEdge.Cannon.Delivery;

/// <summary>
/// The <see cref="ICannonClient"/> of a process that runs cannon: deliveries addressed to this
/// cannon's own advertised URI go straight to the local sockets (no HTTP, no JSON); others go to
/// the HTTP client gundeck registers as its concrete type, found lazily among the registrations.
/// </summary>
internal sealed class LocalFirstCannonClient(CannonHub hub, IServiceProvider services, IServiceCollection registrations) : ICannonClient
{
    private ICannonClient? remote;

    public Task<IReadOnlyList<BulkPushResult>> BulkPushAsync(Uri cannon, IReadOnlyList<BulkPushNotification> notifications, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cannon);
        if (hub.Presence.IsSelf(cannon))
        {
            return Task.FromResult(hub.Deliver(notifications));
        }

        return (remote ??= ResolveRemote()).BulkPushAsync(cannon, notifications, cancellationToken);
    }

    private ICannonClient ResolveRemote()
    {
        foreach (var d in registrations)
        {
            if (d.ServiceType != typeof(ICannonClient) && d.ServiceType.IsClass && typeof(ICannonClient).IsAssignableFrom(d.ServiceType)
                && d.ServiceType != typeof(LocalFirstCannonClient) && !d.IsKeyedService
                && services.GetService(d.ServiceType) is ICannonClient client)
            {
                return client;
            }
        }

        throw new InvalidOperationException("No HTTP cannon client registered (gundeck registers HttpCannonClient)");
    }
}
