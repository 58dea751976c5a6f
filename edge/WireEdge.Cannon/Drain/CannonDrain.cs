using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WireEdge.Cannon.Sockets;
using WireEdge.Hosting.Observability;

namespace WireEdge.Cannon.Drain;

/// <summary>
/// Graceful drain on SIGTERM: readiness turns false at once (ApplicationStopping), then, before
/// Kestrel stops, the sockets are closed (code 1000, payload <c>close</c>) in paced batches over
/// <c>Cannon:Drain:GracePeriodSeconds</c>: batch size max(MinBatchSize, n / batches), one batch every
/// MillisecondsBetweenBatches, so clients reconnect to other cannons spread out rather than at once.
/// </summary>
public sealed partial class CannonDrain(CannonHub hub, HostReadiness readiness, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<CannonDrain> logger) : IHostedService
{
    private CancellationTokenRegistration stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = lifetime.ApplicationStopping.Register(BeginDrain);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.DisposeAsync().ConfigureAwait(false);
        await DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Readiness false, no new sockets.</summary>
    public void BeginDrain()
    {
        readiness.MarkDraining();
        hub.MarkDraining();
    }

    /// <summary>Closes every socket in paced batches; returns how many were closed.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        BeginDrain();
        var sockets = hub.Sockets.Snapshot();
        if (sockets.Count == 0)
        {
            return 0;
        }

        var o = hub.Options.Drain;
        var batches = Math.Max(1, (int)(o.GracePeriodSeconds * 1000 / o.MillisecondsBetweenBatches));
        var batchSize = Math.Max(o.MinBatchSize, (sockets.Count + batches - 1) / batches);
        var interval = TimeSpan.FromMilliseconds(o.MillisecondsBetweenBatches);
        LogDraining(logger, sockets.Count, batchSize, o.MillisecondsBetweenBatches);
        var closed = 0;
        var hurry = false;
        for (var i = 0; i < sockets.Count; i += batchSize)
        {
            var end = Math.Min(sockets.Count, i + batchSize);
            for (var j = i; j < end; j++)
            {
                sockets[j].Close(CloseReason.Drain, 1000, "close");
                closed++;
            }

            if (!hurry && i + batchSize < sockets.Count)
            {
                try
                {
                    await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    hurry = true; // shutdown timeout: close the rest without pacing
                }
            }
        }

        return closed;
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Draining {Count} sockets in batches of {BatchSize} every {Interval} ms")]
    private static partial void LogDraining(ILogger logger, int count, int batchSize, int interval);
}
