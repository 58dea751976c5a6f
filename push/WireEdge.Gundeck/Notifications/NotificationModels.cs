using WireEdge.Contracts.Ids;

namespace WireEdge.Gundeck.Notifications;

/// <summary>One recipient of a stored notification; null or empty <paramref name="Clients"/> = all the user's clients.</summary>
public readonly record struct NotificationTarget(Guid User, IReadOnlyList<ClientId>? Clients);

/// <summary>A notification to append: its id (and the id's timestamp), its payload JSON array (stored once) and recipients.</summary>
public sealed record NewNotification(Guid Id, long Timestamp, ReadOnlyMemory<byte> Payload, IReadOnlyList<NotificationTarget> Targets);

/// <summary>A notification as read back: id and payload JSON array bytes.</summary>
public readonly record struct StoredNotification(Guid Id, long Timestamp, byte[] Payload);

/// <summary>A position in a user's log (exclusive lower bound of a page).</summary>
public readonly record struct NotificationCursor(long Timestamp, Guid Id)
{
    public static NotificationCursor Of(Guid id) => new(NotificationId.Timestamp(id), id);
}

public sealed record NotificationPage(IReadOnlyList<StoredNotification> Notifications, bool HasMore);

/// <summary>The per-user notification log (FACTS.md §5.1).</summary>
public interface INotificationStore
{
    /// <summary>Appends notifications in one transaction (payload stored once per notification).</summary>
    Task AppendAsync(IReadOnlyList<NewNotification> notifications, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="size"/> notifications after <paramref name="since"/> (exclusive) in id order,
    /// visible to <paramref name="client"/> (untargeted ones and those targeted at it), at most
    /// <paramref name="maxPayloadBytes"/> of payload (at least one notification).
    /// </summary>
    Task<NotificationPage> PageAsync(Guid user, ClientId? client, NotificationCursor? since, int size, long maxPayloadBytes, CancellationToken cancellationToken = default);

    /// <summary>True when the user's log holds this id (whoever it was targeted at).</summary>
    Task<bool> ExistsAsync(Guid user, Guid id, CancellationToken cancellationToken = default);

    /// <summary>One notification visible to <paramref name="client"/>, or null.</summary>
    Task<StoredNotification?> GetAsync(Guid user, Guid id, ClientId? client, CancellationToken cancellationToken = default);

    /// <summary>The newest notification visible to <paramref name="client"/>, or null.</summary>
    Task<StoredNotification?> LastAsync(Guid user, ClientId? client, CancellationToken cancellationToken = default);

    /// <summary>Deletes expired notifications and payloads; returns the number of rows deleted.</summary>
    Task<int> SweepAsync(CancellationToken cancellationToken = default);
}
