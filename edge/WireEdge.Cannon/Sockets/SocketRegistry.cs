using System.Collections.Concurrent;

namespace WireEdge.Cannon.Sockets;

/// <summary>
/// The live sockets by (user, connection). <see cref="ConcurrentDictionary{TKey,TValue}"/> stripes
/// its locks over the keys, so registrations from many connections do not contend on one lock.
/// </summary>
public sealed class SocketRegistry
{
    private readonly ConcurrentDictionary<SocketKey, CannonSocket> sockets = new(Environment.ProcessorCount * 4, 1024);

    public int Count => sockets.Count;

    /// <summary>Enumerates the live sockets without locking or copying.</summary>
    public IEnumerable<CannonSocket> All
    {
        get
        {
            foreach (var kv in sockets)
            {
                yield return kv.Value;
            }
        }
    }

    public bool TryGet(Guid user, string connection, out CannonSocket socket)
        => sockets.TryGetValue(new SocketKey(user, connection), out socket!);

    /// <summary>Adds a socket; returns the socket it replaced, if any.</summary>
    public CannonSocket? Add(CannonSocket socket)
    {
        CannonSocket? old = null;
        sockets.AddOrUpdate(socket.Key, socket, (_, existing) =>
        {
            old = existing;
            return socket;
        });
        return ReferenceEquals(old, socket) ? null : old;
    }

    /// <summary>Removes the entry only if it is still this socket (a replacement stays registered).</summary>
    public bool Remove(CannonSocket socket) => sockets.TryRemove(new KeyValuePair<SocketKey, CannonSocket>(socket.Key, socket));

    /// <summary>A snapshot of the sockets (for sweeps and drain).</summary>
    public List<CannonSocket> Snapshot() => [.. All];
}
