using Microsoft.Extensions.DependencyInjection;
using WireEdge.Brig.Clients;
using WireEdge.Brig.Connections;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Services;

namespace WireEdge.Brig.Internal;

/// <summary>The in-process <see cref="IBrigInternal"/> (all-in-one host, or galley/gundeck in brig's process).</summary>
public sealed class LocalBrigInternal(IClientStore clients, IConnectionStore connections, IServiceProvider services, TimeProvider time) : IBrigInternal
{
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ClientId>>> GetClientsAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        var found = await clients.ListPublicAsync(users, cancellationToken).ConfigureAwait(false);
        var known = await GetUsersAsync(users, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<Guid, IReadOnlyList<ClientId>>();
        foreach (var u in users)
        {
            if (found.TryGetValue(u, out var list))
            {
                result[u] = [.. list.Select(c => c.Id)];
            }
            else if (known.Any(k => k.Id == u && !k.Deleted))
            {
                result[u] = [];
            }
        }

        return result;
    }

    public Task<IReadOnlySet<Guid>> GetAcceptedConnectionsAsync(Guid user, IReadOnlyCollection<Guid> others, CancellationToken cancellationToken = default)
        => connections.AcceptedAmongAsync(user, others, cancellationToken);

    public async Task<IReadOnlyList<UserSummary>> GetUsersAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (users.Count == 0 || services.GetService<IUserLookup>() is not { } lookup)
        {
            return [];
        }

        return await lookup.GetUsersAsync(users, cancellationToken).ConfigureAwait(false);
    }

    public Task MarkClientActiveAsync(Guid user, ClientId client, CancellationToken cancellationToken = default)
        => clients.MarkActiveAsync(user, client, time.GetUtcNow(), cancellationToken);
}
