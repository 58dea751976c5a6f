using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WireEdge.Cannon.Sockets;

namespace WireEdge.Cannon.Keepalive;

/// <summary>
/// One periodic sweep over all sockets instead of a timer per socket: sends protocol pings when a
/// socket's ping interval elapsed, aborts sockets silent for longer than the pong timeout, closes
/// sockets past their maximum lifetime, aborts sockets whose close did not finish, and closes the
/// sockets registered under an old presence epoch (the presence store lost them).
/// </summary>
public sealed partial class SocketSweeper(CannonHub hub, TimeProvider time, ILogger<SocketSweeper> logger) : BackgroundService
{
    /// <summary>Runs one sweep at <paramref name="nowMs"/>; returns how many sockets were pinged.</summary>
    public int Sweep(long nowMs)
    {
        var o = hub.Options;
        var ping = (long)o.PingInterval.TotalMilliseconds;
        var timeout = (long)o.PongTimeout.TotalMilliseconds;
        var lifetime = (long)o.MaxLifetime.TotalMilliseconds;
        var closeTimeout = (long)o.CloseTimeout.TotalMilliseconds;
        var pinged = 0;
        foreach (var s in hub.Sockets.All)
        {
            if (s.IsClosing)
            {
                if (nowMs - s.ClosingSinceMs > closeTimeout)
                {
                    s.Abort(s.EndReason ?? CloseReason.TransportError);
                }

                continue;
            }

            if (!s.IsOpen)
            {
                continue;
            }

            if (nowMs - s.LastSeenMs > timeout)
            {
                s.Abort(CloseReason.PongTimeout);
            }
            else if (nowMs - s.ConnectedAtMs > lifetime)
            {
                s.Close(CloseReason.Lifetime, 1000, "lifetime");
            }
            else if (nowMs - s.LastPingMs >= ping)
            {
                s.SendPing(nowMs);
                pinged++;
            }
        }

        return pinged;
    }

    /// <summary>Closes the sockets registered under another epoch than <paramref name="current"/>; returns how many.</summary>
    public int CloseStaleEpoch(string current)
    {
        var closed = 0;
        foreach (var s in hub.Sockets.All)
        {
            if (s.Epoch is { } e && !string.Equals(e, current, StringComparison.Ordinal) && !s.IsEnded)
            {
                s.Close(CloseReason.EpochChanged, 1001, "presence-lost");
                closed++;
            }
        }

        return closed;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(SweepLoopAsync(stoppingToken), EpochLoopAsync(stoppingToken));

    private async Task SweepLoopAsync(CancellationToken ct)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(hub.Options.PingInterval.TotalMilliseconds / 4, 50, 1000));
        using var timer = new PeriodicTimer(period, time);
        var compactor = new BurstCompactor(hub.Options.CompactAfterAccepts, BurstCompactor.CompactHeap);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var now = hub.NowMs();
                Sweep(now);
                if (compactor.Tick(hub.Metrics.AcceptedTotal, now))
                {
                    LogCompacted(logger, hub.Sockets.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task EpochLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(hub.Options.EpochPollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var registry = hub.Presence.Registry;
                if (registry is null || hub.Sockets.Count == 0)
                {
                    continue;
                }

                try
                {
                    var epoch = await registry.GetEpochAsync(ct).ConfigureAwait(false);
                    var closed = CloseStaleEpoch(epoch);
                    if (closed > 0)
                    {
                        LogEpochChanged(logger, closed);
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // the presence store being down is not fatal; retry on the next tick
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogEpochFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Presence store epoch changed: closed {Count} sockets so their clients reconnect and catch up")]
    private static partial void LogEpochChanged(ILogger logger, int count);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "Accepting went quiet after a burst: compacted the heap ({Count} sockets open)")]
    private static partial void LogCompacted(ILogger logger, int count);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Reading the presence store epoch failed")]
    private static partial void LogEpochFailed(ILogger logger, Exception exception);
}
