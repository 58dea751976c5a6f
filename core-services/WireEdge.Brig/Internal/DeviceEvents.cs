using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireEdge.Contracts.Push;

namespace WireEdge.Brig.Internal;

/// <summary>
/// Sends user events (client-add/remove, connection) through gundeck's <see cref="IPushClient"/>,
/// resolved lazily: when no push hub is configured the events are dropped (logged once per event).
/// </summary>
public sealed partial class DeviceEvents(IServiceProvider services, ILogger<DeviceEvents> logger)
{
    private IPushClient? push;
    private bool resolved;

    /// <summary>Pushes one event (already serialised as a one-element JSON array) to all clients of <paramref name="user"/>.</summary>
    public async Task PushAsync(Guid user, byte[] payload, string? originConnection, CancellationToken cancellationToken)
    {
        var client = Resolve();
        if (client is null)
        {
            LogNoPush(logger, user);
            return;
        }

        var request = new PushRequest
        {
            Recipients = [new PushRecipient(user)],
            Payload = payload,
            Origin = user,
            OriginConnection = originConnection,
        };
        await client.PushAsync([request], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pushes several single-recipient events in one call.</summary>
    public async Task PushManyAsync(IReadOnlyList<(Guid User, byte[] Payload, string? OriginConnection)> events, Guid origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var client = Resolve();
        if (client is null)
        {
            LogNoPush(logger, origin);
            return;
        }

        var requests = events.Select(e => new PushRequest
        {
            Recipients = [new PushRecipient(e.User)],
            Payload = e.Payload,
            Origin = origin,
            OriginConnection = e.OriginConnection,
        }).ToList();
        await client.PushAsync(requests, cancellationToken).ConfigureAwait(false);
    }

    private IPushClient? Resolve()
    {
        if (!resolved)
        {
            push = services.GetService<IPushClient>();
            resolved = true;
        }

        return push;
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Debug, Message = "No push hub configured; user event for {User} dropped")]
    private static partial void LogNoPush(ILogger logger, Guid user);
}
