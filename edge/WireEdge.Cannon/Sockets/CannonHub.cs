using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WireEdge.Cannon.Observability;
using WireEdge.Cannon.Options;
using WireEdge.Cannon.Registration;
using WireEdge.Contracts.Push;

namespace WireEdge.Cannon.Sockets;

/// <summary>
/// The cannon's socket table and its operations: accept (replacing the same user+connection,
/// registering presence), deliver notifications (one shared payload per notification, one frame
/// per target), close on request, and cleanup when a socket ends.
/// </summary>
public sealed partial class CannonHub(
    SocketRegistry registry,
    IOptions<CannonOptions> options,
    TimeProvider time,
    PresenceLink presence,
    CannonMetrics metrics,
    ILogger<CannonHub> logger)
{
    private volatile bool draining;

    public CannonOptions Options { get; } = options.Value;

    public CannonMetrics Metrics => metrics;

    public SocketRegistry Sockets => registry;

    public PresenceLink Presence => presence;

    /// <summary>True once the process drains: no new sockets are accepted.</summary>
    public bool IsDraining => draining;

    internal void MarkDraining() => draining = true;

    /// <summary>Monotonic milliseconds from the injected clock.</summary>
    public long NowMs() => (long)time.GetElapsedTime(0).TotalMilliseconds;

    /// <summary>
    /// Makes a handshaking socket known (replacing an older socket of the same user and connection)
    /// and registers its presence. Frames routed to it meanwhile wait in its queue until
    /// <see cref="CannonSocket.Start"/>. False when the presence could not be registered.
    /// </summary>
    public async Task<bool> AcceptAsync(CannonSocket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (draining)
        {
            return false;
        }

        var old = registry.Add(socket);
        old?.Close(CloseReason.Replaced, 1000, "replaced");
        try
        {
            socket.Epoch = await presence.RegisterAsync(socket, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // any presence failure means: refuse the socket (the client retries)
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogPresenceFailed(logger, e);
            registry.Remove(socket);
            return false;
        }

        metrics.Accepted();
        return true;
    }

    /// <summary>Called once when a socket's read loop ended.</summary>
    internal void OnEnded(CannonSocket socket)
    {
        if (registry.Remove(socket))
        {
            presence.UnregisterInBackground(socket);
        }
    }

    /// <summary>Queues one notification on one socket (<c>POST /i/push/:user/:conn</c>).</summary>
    public EnqueueResult Push(Guid user, string connection, ReadOnlyMemory<byte> json)
        => registry.TryGet(user, connection, out var s) ? s.Send(json) : EnqueueResult.Gone;

    /// <summary>Delivers notifications to their targets; the payload bytes are shared by every target.</summary>
    public IReadOnlyList<BulkPushResult> Deliver(IReadOnlyList<BulkPushNotification> notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var n = 0;
        foreach (var x in notifications)
        {
            n += x.Targets.Count;
        }

        var results = new BulkPushResult[n];
        var i = 0;
        foreach (var x in notifications)
        {
            foreach (var t in x.Targets)
            {
                var r = Push(t.User, t.Connection, x.NotificationJson);
                results[i++] = new BulkPushResult(x.NotificationId, t, r == EnqueueResult.Queued ? BulkPushStatus.Ok : BulkPushStatus.Gone);
            }
        }

        return results;
    }

    /// <summary>Closes the given sockets (gundeck: a delivery to them failed); returns how many were open.</summary>
    public int Close(IEnumerable<BulkPushTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var closed = 0;
        foreach (var t in targets)
        {
            if (registry.TryGet(t.User, t.Connection, out var s))
            {
                s.Close(CloseReason.ClosedByGundeck, 1011, "missed-notifications");
                closed++;
            }
        }

        return closed;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Registering a presence failed; socket refused")]
    private static partial void LogPresenceFailed(ILogger logger, Exception exception);
}
