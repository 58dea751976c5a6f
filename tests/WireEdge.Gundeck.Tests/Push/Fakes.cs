using System.Collections.Concurrent;
using WireEdge.Contracts.Push;
using WireEdge.Gundeck.Push;

namespace WireEdge.Gundeck.Tests.Push;

internal sealed class FakePresenceRegistry : IPresenceRegistry
{
    private readonly ConcurrentDictionary<(Guid, string), Presence> presences = new();

    public int GetCalls;

    public List<(Guid User, string Connection, Uri Cannon)> Unregistered { get; } = [];

    public void Add(Presence p) => presences[(p.User, p.Connection)] = p;

    public bool Has(Guid user, string connection) => presences.ContainsKey((user, connection));

    public Task<string> RegisterAsync(Presence presence, CancellationToken cancellationToken = default)
    {
        Add(presence);
        return Task.FromResult("epoch");
    }

    public Task UnregisterAsync(Guid user, string connection, Uri cannon, CancellationToken cancellationToken = default)
    {
        lock (Unregistered)
        {
            Unregistered.Add((user, connection, cannon));
        }

        if (presences.TryGetValue((user, connection), out var p) && p.Cannon == cannon)
        {
            presences.TryRemove((user, connection), out _);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Presence>> GetAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref GetCalls);
        var set = users.ToHashSet();
        return Task.FromResult<IReadOnlyList<Presence>>([.. presences.Values.Where(p => set.Contains(p.User))]);
    }

    public Task<string> GetEpochAsync(CancellationToken cancellationToken = default) => Task.FromResult("epoch");
}

/// <summary>Records bulk pushes; answers Ok, or Gone for listed targets, or fails for listed cannons.</summary>
internal sealed class FakeCannonClient : ICannonClient, ICannonSocketCloser
{
    public ConcurrentQueue<(Uri Cannon, IReadOnlyList<BulkPushNotification> Notifications)> Calls { get; } = new();

    public ConcurrentQueue<(Uri Cannon, IReadOnlyList<BulkPushTarget> Targets)> Closes { get; } = new();

    public HashSet<BulkPushTarget> Gone { get; } = [];

    public HashSet<Uri> Failing { get; } = [];

    public TimeSpan Delay { get; set; }

    public async Task<IReadOnlyList<BulkPushResult>> BulkPushAsync(Uri cannon, IReadOnlyList<BulkPushNotification> notifications, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((cannon, notifications));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (Failing.Contains(cannon))
        {
            throw new HttpRequestException("cannon down");
        }

        return [.. notifications.SelectMany(n => n.Targets.Select(t => new BulkPushResult(n.NotificationId, t, Gone.Contains(t) ? BulkPushStatus.Gone : BulkPushStatus.Ok)))];
    }

    public Task CloseAsync(Uri cannon, IReadOnlyList<BulkPushTarget> targets, CancellationToken cancellationToken = default)
    {
        Closes.Enqueue((cannon, targets));
        return Task.CompletedTask;
    }

    /// <summary>Every (socket, notification JSON) delivered, in call order.</summary>
    public List<(BulkPushTarget Target, string Json)> Delivered()
        => [.. Calls.SelectMany(c => c.Notifications.SelectMany(n => n.Targets.Select(t => (t, System.Text.Encoding.UTF8.GetString(n.NotificationJson.Span)))))];
}

internal sealed class RecordingNativeSink : Native.INativePushSink
{
    public ConcurrentQueue<Native.NativePushCandidate> Sent { get; } = new();

    public Task SendAsync(IReadOnlyList<Native.NativePushCandidate> candidates, CancellationToken cancellationToken = default)
    {
        foreach (var c in candidates)
        {
            Sent.Enqueue(c);
        }

        return Task.CompletedTask;
    }
}
