using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireEdge.Contracts.Push;

namespace WireEdge.Galley.Events;

/// <summary>
/// Hands conversation events to the push hub (<see cref="IPushClient"/>, resolved when first needed
/// so galley starts even where the hub is not bound).
/// </summary>
public sealed partial class ConversationNotifier(IServiceProvider services, ILogger<ConversationNotifier> logger)
{
    private IPushClient? push;

    /// <summary>One event to every listed user (all their clients).</summary>
    public Task PushAsync(ReadOnlyMemory<byte> eventJson, IEnumerable<Guid> users, Guid origin, string? originConnection, bool transient = false, PushRoute route = PushRoute.Any, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        var recipients = users.Select(u => new PushRecipient(u, route)).ToList();
        if (recipients.Count == 0)
        {
            return Task.CompletedTask;
        }

        var request = new PushRequest
        {
            Recipients = recipients,
            Payload = ConversationEventJson.AsPayload(eventJson.Span),
            Origin = origin,
            OriginConnection = originConnection,
            Transient = transient,
        };
        return PushManyAsync([request], cancellationToken);
    }

    public Task PushManyAsync(IReadOnlyList<PushRequest> pushes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pushes);
        if (pushes.Count == 0)
        {
            return Task.CompletedTask;
        }

        push ??= services.GetService<IPushClient>();
        if (push is null)
        {
            LogNoPushHub(logger, pushes.Count);
            return Task.CompletedTask;
        }

        return push.PushAsync(pushes, cancellationToken);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "No push hub (IPushClient) is bound; dropping {Count} pushes")]
    private static partial void LogNoPushHub(ILogger logger, int count);
}
