using WireEdge.Contracts.Push;

namespace WireEdge.Gundeck.Push;

/// <summary>
/// Asks a cannon to close sockets that missed a notification (a failed or timed-out bulk push), so
/// their clients reconnect and catch up: <c>POST {cannon}/i/close</c> with body
/// <c>{"targets":[{"user_id":"&lt;uuid&gt;","conn_id":"&lt;conn&gt;"}]}</c>, answered 200 (unknown
/// sockets are ignored). Best effort: the presences are deleted first, so such a socket gets no later
/// notification even when the cannon cannot be reached. Registered with TryAdd; <see cref="HttpCannonClient"/>
/// implements it.
/// </summary>
public interface ICannonSocketCloser
{
    Task CloseAsync(Uri cannon, IReadOnlyList<BulkPushTarget> targets, CancellationToken cancellationToken = default);
}
