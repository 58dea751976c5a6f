using System.Collections.Concurrent;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Services;

namespace WireEdge.Galley.Tests.Support;

/// <summary>An in-memory brig: users, their clients, and accepted connections.</summary>
public sealed class FakeBrig : IBrigInternal
{
    private readonly ConcurrentDictionary<Guid, List<ClientId>> clients = new();
    private readonly ConcurrentDictionary<(Guid, Guid), bool> connections = new();
    private long nextClient = 0x1000;

    /// <summary>Registers a user with <paramref name="clientCount"/> new clients and returns the user id.</summary>
    public Guid AddUser(int clientCount = 1)
    {
        var user = Guid.NewGuid();
        clients[user] = [];
        for (var i = 0; i < clientCount; i++)
        {
            AddClient(user);
        }

        return user;
    }

    public ClientId AddClient(Guid user)
    {
        var c = new ClientId((ulong)Interlocked.Increment(ref nextClient) * 0x10001);
        lock (clients)
        {
            clients.GetOrAdd(user, _ => []).Add(c);
        }

        return c;
    }

    public void RemoveClient(Guid user, ClientId client)
    {
        lock (clients)
        {
            clients[user].Remove(client);
        }
    }

    public IReadOnlyList<ClientId> ClientsOf(Guid user)
    {
        lock (clients)
        {
            return [.. clients[user]];
        }
    }

    public void Connect(Guid a, Guid b)
    {
        connections[(a, b)] = true;
        connections[(b, a)] = true;
    }

    public Task<IReadOnlyDictionary<Guid, IReadOnlyList<ClientId>>> GetClientsAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<Guid, IReadOnlyList<ClientId>>();
        lock (clients)
        {
            foreach (var u in users)
            {
                if (clients.TryGetValue(u, out var list))
                {
                    result[u] = [.. list];
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<Guid, IReadOnlyList<ClientId>>>(result);
    }

    public Task<IReadOnlySet<Guid>> GetAcceptedConnectionsAsync(Guid user, IReadOnlyCollection<Guid> others, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlySet<Guid>>(others.Where(o => connections.ContainsKey((user, o))).ToHashSet());

    public Task<IReadOnlyList<UserSummary>> GetUsersAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<UserSummary>>([.. users.Where(clients.ContainsKey).Select(u => new UserSummary(u, "user", null, null, false))]);

    public Task MarkClientActiveAsync(Guid user, ClientId client, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
