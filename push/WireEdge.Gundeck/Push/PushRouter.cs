using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Push;
using WireEdge.Gundeck.Native;
using WireEdge.Gundeck.Presences;

namespace WireEdge.Gundeck.Push;

/// <summary>
/// Live fan-out (FACTS.md §5.3 step 2): one presence lookup for every recipient of a batch, filter
/// (origin connection skipped, <c>connections</c> allowlist, client targeting: a notification for
/// specific clients only reaches sockets bound to one of them), group by cannon, one bulk push per
/// cannon. Targets answered gone lose their presence; when a bulk push fails or times out, the
/// presences of all its targets are deleted and the cannon is asked (again, until it answers) to
/// close those sockets.
/// </summary>
public sealed partial class PushRouter(
    IPresenceRegistry presences,
    ICannonClient cannons,
    ICannonSocketCloser closer,
    INativePushSink native,
    IOptions<GundeckOptions> options,
    ILogger<PushRouter> logger)
{
    public async Task DeliverAsync(IReadOnlyList<Delivery> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var users = new HashSet<Guid>();
        foreach (var d in batch)
        {
            foreach (var r in d.Push.Recipients)
            {
                users.Add(r.User);
            }
        }

        var byUser = new Dictionary<Guid, List<Presence>>();
        foreach (var p in await presences.GetAsync(users, cancellationToken).ConfigureAwait(false))
        {
            if (!byUser.TryGetValue(p.User, out var list))
            {
                byUser[p.User] = list = [];
            }

            list.Add(p);
        }

        var groups = new Dictionary<string, CannonGroup>(StringComparer.OrdinalIgnoreCase);
        List<NativePushCandidate>? nativeCandidates = null;
        foreach (var d in batch)
        {
            var push = d.Push;
            foreach (var r in push.Recipients)
            {
                var reached = false;
                if (byUser.TryGetValue(r.User, out var list))
                {
                    foreach (var p in list)
                    {
                        if (!Accepts(push, r, p))
                        {
                            continue;
                        }

                        var key = PresenceValue.CannonBase(p.Cannon);
                        if (!groups.TryGetValue(key, out var g))
                        {
                            groups[key] = g = new CannonGroup(p.Cannon);
                        }

                        g.Add(d, new BulkPushTarget(p.User, p.Connection));
                        reached = true;
                    }
                }

                if (!reached && !push.Transient && r.Route == PushRoute.Any && (push.NativeIncludeOrigin || push.Origin != r.User))
                {
                    (nativeCandidates ??= []).Add(new NativePushCandidate(r.User, d.Id, push.NativePriority));
                }
            }
        }

        if (groups.Count > 0)
        {
            var tasks = new List<Task>(groups.Count);
            foreach (var g in groups.Values)
            {
                tasks.Add(PushToCannonAsync(g, cancellationToken));
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        if (nativeCandidates is not null)
        {
            try
            {
                await native.SendAsync(nativeCandidates, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNativeFailed(e);
            }
        }
    }

    /// <summary>Whether presence <paramref name="p"/> of recipient <paramref name="r"/> should get the push.</summary>
    internal static bool Accepts(PushRequest push, PushRecipient r, Presence p)
    {
        if (push.Origin == r.User && push.OriginConnection is { } oc && string.Equals(oc, p.Connection, StringComparison.Ordinal))
        {
            return false;
        }

        if (push.Connections is { Count: > 0 } allow && !Contains(allow, p.Connection))
        {
            return false;
        }

        if (r.Clients is { Count: > 0 } clients)
        {
            return p.Client is { } c && Contains(clients, c);
        }

        return true;
    }

    private async Task PushToCannonAsync(CannonGroup group, CancellationToken cancellationToken)
    {
        var notifications = group.Build();
        IReadOnlyList<BulkPushResult> results;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.BulkPushTimeoutMs);
            results = await cannons.BulkPushAsync(group.Cannon, notifications, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogBulkPushFailed(group.Cannon, group.Targets.Count, e);
            await DropAsync(group.Cannon, group.Targets, cancellationToken).ConfigureAwait(false);
            _ = CloseBestEffortAsync(group.Cannon, [.. group.Targets]);
            return;
        }

        HashSet<BulkPushTarget>? gone = null;
        foreach (var r in results)
        {
            if (r.Status == BulkPushStatus.Gone)
            {
                (gone ??= []).Add(r.Target);
            }
        }

        if (gone is not null)
        {
            await DropAsync(group.Cannon, gone, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DropAsync(Uri cannon, IEnumerable<BulkPushTarget> targets, CancellationToken cancellationToken)
    {
        var tasks = new List<Task>();
        foreach (var t in targets)
        {
            tasks.Add(presences.UnregisterAsync(t.User, t.Connection, cannon, cancellationToken));
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDropFailed(cannon, e);
        }
    }

    /// <summary>
    /// These sockets missed a notification and their presences are gone, so nothing reaches them any
    /// more: unless they are closed, their clients wait forever on a silent socket. A cannon that timed
    /// out is often stalled, not dead, and misses the first request too; keep asking (backing off to
    /// 5 s) until it answers or <see cref="GundeckOptions.CloseRetrySeconds"/> pass. By then a stalled
    /// cannon has left its clients' 20 s pings unanswered, and the clients have given up on those sockets.
    /// </summary>
    private async Task CloseBestEffortAsync(Uri cannon, IReadOnlyList<BulkPushTarget> targets)
    {
        var o = options.Value;
        var giveUpAt = Environment.TickCount64 + (o.CloseRetrySeconds * 1000L);
        var delay = 250;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = new CancellationTokenSource(o.BulkPushTimeoutMs);
                await closer.CloseAsync(cannon, targets, timeout.Token).ConfigureAwait(false);
                if (attempt > 1)
                {
                    LogClosedAfterRetry(cannon, targets.Count, attempt);
                }

                return;
            }
            catch (Exception e)
            {
                LogCloseFailed(cannon, attempt, e);
            }

            if (Environment.TickCount64 + delay > giveUpAt)
            {
                LogCloseGaveUp(cannon, targets.Count, attempt);
                return;
            }

            await Task.Delay(delay).ConfigureAwait(false);
            delay = Math.Min(delay * 2, 5_000);
        }
    }

    private static bool Contains<T>(IReadOnlyList<T> list, T value)
    {
        var cmp = EqualityComparer<T>.Default;
        for (var i = 0; i < list.Count; i++)
        {
            if (cmp.Equals(list[i], value))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk push to {Cannon} failed; dropping {Count} presences")]
    private partial void LogBulkPushFailed(Uri cannon, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing presences on {Cannon} failed")]
    private partial void LogDropFailed(Uri cannon, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asking {Cannon} to close sockets failed (attempt {Attempt})")]
    private partial void LogCloseFailed(Uri cannon, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Cannon} closed {Count} sockets that missed a notification (attempt {Attempt})")]
    private partial void LogClosedAfterRetry(Uri cannon, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up asking {Cannon} to close {Count} sockets after {Attempt} attempts")]
    private partial void LogCloseGaveUp(Uri cannon, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Native push failed")]
    private partial void LogNativeFailed(Exception exception);

    private sealed class CannonGroup(Uri cannon)
    {
        private readonly Dictionary<Guid, (Delivery Delivery, List<BulkPushTarget> Targets)> byNotification = [];
        private readonly List<Guid> order = [];
        private readonly HashSet<(Guid, BulkPushTarget)> seen = [];

        public Uri Cannon { get; } = cannon;

        public HashSet<BulkPushTarget> Targets { get; } = [];

        public void Add(Delivery d, BulkPushTarget target)
        {
            if (!byNotification.TryGetValue(d.Id, out var entry))
            {
                byNotification[d.Id] = entry = (d, []);
                order.Add(d.Id);
            }

            if (seen.Add((d.Id, target)))
            {
                entry.Targets.Add(target);
                Targets.Add(target);
            }
        }

        public List<BulkPushNotification> Build()
        {
            var list = new List<BulkPushNotification>(order.Count);
            foreach (var id in order)
            {
                var (d, targets) = byNotification[id];
                list.Add(new BulkPushNotification(d.Id, d.Json, targets));
            }

            return list;
        }
    }
}
