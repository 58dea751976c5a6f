using WireEdge.Contracts.Ids;

namespace WireEdge.Contracts.Push;

/// <summary>
/// One live websocket of a user as the presence table knows it (FACTS.md §5.4): which cannon holds
/// it (<paramref name="Cannon"/> is that cannon's internal base URI, e.g. <c>http://127.0.0.1:8085</c>),
/// the connection id (the access token's <c>c</c>), the client it is bound to, and when it registered.
/// </summary>
public sealed record Presence(Guid User, string Connection, Uri Cannon, ClientId? Client, long CreatedAtMs);

/// <summary>
/// The presence table (gundeck owns it; cannon writes to it on connect/close). Backed by Redis
/// (embedded Garnet by default). <see cref="GetEpochAsync"/> returns the table's run id: it changes
/// when the store lost its data (restarted empty), which tells cannon to close the sockets it
/// registered under the old epoch so their clients reconnect and catch up.
/// </summary>
public interface IPresenceRegistry
{
    /// <summary>Registers a socket and returns the epoch it was registered under.</summary>
    Task<string> RegisterAsync(Presence presence, CancellationToken cancellationToken = default);

    /// <summary>Removes a socket's presence if it still points at <paramref name="cannon"/>.</summary>
    Task UnregisterAsync(Guid user, string connection, Uri cannon, CancellationToken cancellationToken = default);

    /// <summary>All presences of the given users, in one pipelined round trip.</summary>
    Task<IReadOnlyList<Presence>> GetAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default);

    /// <summary>The current epoch (run id) of the store; creates one if the store has none.</summary>
    Task<string> GetEpochAsync(CancellationToken cancellationToken = default);
}
