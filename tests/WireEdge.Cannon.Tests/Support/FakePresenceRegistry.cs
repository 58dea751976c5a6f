using System.Collections.Concurrent;
using WireEdge.Contracts.Push;

namespace WireEdge.Cannon.Tests.Support;

/// <summary>An in-memory presence table with a settable epoch (simulates the store restarting empty).</summary>
public sealed class FakePresenceRegistry : IPresenceRegistry
{
    private readonly ConcurrentDictionary<(Guid, string), Presence> presences = new();

    public string Epoch { get; set; } = "epoch-1";

    public ConcurrentQueue<(Guid User, string Connection)> Unregistered { get; } = new();

    public IReadOnlyCollection<Presence> All => [.. presences.Values];

    public Task<string> RegisterAsync(Presence presence, CancellationToken cancellationToken = default)
    {
        presences[(presence.User, presence.Connection)] = presence;
        return Task.FromResult(Epoch);
    }

    public Task UnregisterAsync(Guid user, string connection, Uri cannon, CancellationToken cancellationToken = default)
    {
        presences.TryRemove((user, connection), out _);
        Unregistered.Enqueue((user, connection));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Presence>> GetAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<Presence>>([.. presences.Values.Where(p => users.Contains(p.User))]);

    public Task<string> GetEpochAsync(CancellationToken cancellationToken = default) => Task.FromResult(Epoch);
}
