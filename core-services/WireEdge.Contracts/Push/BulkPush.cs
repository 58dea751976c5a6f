namespace WireEdge.Contracts.Push;

/// <summary>A socket a notification goes to (FACTS.md §4.3 <c>{"user_id","conn_id"}</c>).</summary>
public readonly record struct BulkPushTarget(Guid User, string Connection);

/// <summary>
/// One notification for one cannon: its JSON (<c>{"id","payload"[,"transient"]}</c>, serialised once
/// and written as-is as one binary frame to every target socket) and the target sockets.
/// </summary>
public sealed record BulkPushNotification(Guid NotificationId, ReadOnlyMemory<byte> NotificationJson, IReadOnlyList<BulkPushTarget> Targets);

public enum BulkPushStatus
{
    /// <summary>Queued on the socket (FACTS: <c>push_status_ok</c>).</summary>
    Ok,

    /// <summary>No such socket (FACTS: <c>push_status_gone</c>): the presence is stale and gets removed.</summary>
    Gone,
}

public readonly record struct BulkPushResult(Guid NotificationId, BulkPushTarget Target, BulkPushStatus Status);

/// <summary>
/// Delivery to one cannon (<c>POST {cannon}/i/bulkpush</c>). In the all-in-one host the local cannon is
/// called in-process. A failed or timed-out call throws; the caller (gundeck) must then make sure
/// the affected sockets are closed (a socket that missed a notification must never deliver a later one).
/// </summary>
public interface ICannonClient
{
    Task<IReadOnlyList<BulkPushResult>> BulkPushAsync(Uri cannon, IReadOnlyList<BulkPushNotification> notifications, CancellationToken cancellationToken = default);
}
