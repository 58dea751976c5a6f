using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WireEdge.Gundeck.Push;

/// <summary>
/// Keeps live delivery in notification-id order. A slot is reserved under the id generator's lock
/// (so slots are queued in id order), filled once the notifications are stored, and a single
/// consumer delivers slots strictly in queue order, batching the ones already filled (one presence
/// lookup per batch). A batch completes (including removal of presences that failed) before the
/// next starts, so a socket that missed a notification is unregistered before a later one is routed.
/// </summary>
public sealed partial class DeliveryPipeline(PushRouter router, ILogger<DeliveryPipeline> logger) : BackgroundService
{
    private const int MaxBatch = 1024;
    private readonly Channel<DeliverySlot> queue = Channel.CreateUnbounded<DeliverySlot>(new UnboundedChannelOptions { SingleReader = true });
    private long delivered;

    /// <summary>Number of batches delivered so far (tests, metrics).</summary>
    public long DeliveredBatches => Interlocked.Read(ref delivered);

    /// <summary>Reserves the next slot; call under the id generator's lock.</summary>
    public DeliverySlot Reserve()
    {
        var slot = new DeliverySlot();
        if (!queue.Writer.TryWrite(slot))
        {
            slot.Cancel();
        }

        return slot;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        var batch = new List<Delivery>();
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && reader.TryPeek(out var head) && (batch.Count == 0 || head.IsFilled))
                {
                    var items = await head.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
                    reader.TryRead(out _);
                    if (items is not null)
                    {
                        batch.AddRange(items);
                    }
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                try
                {
                    await router.DeliverAsync(batch, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogDeliveryFailed(e);
                }

                Interlocked.Increment(ref delivered);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Live delivery of a batch failed")]
    private partial void LogDeliveryFailed(Exception exception);
}

/// <summary>A reserved place in the delivery order; filled with deliveries or cancelled (nothing to deliver).</summary>
public sealed class DeliverySlot
{
    private readonly TaskCompletionSource<IReadOnlyList<Delivery>?> source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Task<IReadOnlyList<Delivery>?> Task => source.Task;

    internal bool IsFilled => source.Task.IsCompleted;

    public void Fill(IReadOnlyList<Delivery> deliveries) => source.TrySetResult(deliveries);

    public void Cancel() => source.TrySetResult(null);
}
