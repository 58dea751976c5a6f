using WireEdge.Contracts.Push;
using WireEdge.Gundeck.Notifications;

namespace WireEdge.Gundeck.Push;

/// <summary>
/// The in-process push hub (<see cref="IPushClient"/>): assigns one v1 id per push, stores every
/// non-transient notification (one transaction, payload stored once) and only then returns; live
/// delivery follows through the <see cref="DeliveryPipeline"/> in id order. Transient pushes are
/// never stored.
/// </summary>
public sealed class PushService(NotificationIdGenerator ids, INotificationStore store, DeliveryPipeline pipeline) : IPushClient
{
    public async Task PushAsync(IReadOnlyList<PushRequest> pushes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pushes);
        if (pushes.Count == 0)
        {
            return;
        }

        foreach (var p in pushes)
        {
            ArgumentNullException.ThrowIfNull(p);
            if (p.Payload.IsEmpty)
            {
                throw new ArgumentException("a push needs a payload", nameof(pushes));
            }
        }

        var timestamps = new long[pushes.Count];
        DeliverySlot? slot = null;
        ids.NextBatch(timestamps, () => slot = pipeline.Reserve());
        try
        {
            var toStore = new List<NewNotification>(pushes.Count);
            var deliveries = new List<Delivery>(pushes.Count);
            for (var i = 0; i < pushes.Count; i++)
            {
                var p = pushes[i];
#if WIREEDGE_FAULT_DROP_ONE_PUSH
                p = DropOnePushFault.Apply(p);
#endif
                var id = ids.IdOf(timestamps[i]);
                if (!p.Transient)
                {
                    var targets = new NotificationTarget[p.Recipients.Count];
                    for (var r = 0; r < targets.Length; r++)
                    {
                        targets[r] = new NotificationTarget(p.Recipients[r].User, p.Recipients[r].Clients);
                    }

                    toStore.Add(new NewNotification(id, timestamps[i], p.Payload, targets));
                }

                if (p.Recipients.Count > 0)
                {
                    deliveries.Add(new Delivery(id, NotificationJson.Encode(id, p.Payload.Span, p.Transient), p));
                }
            }

            await store.AppendAsync(toStore, cancellationToken).ConfigureAwait(false);
            slot!.Fill(deliveries);
            slot = null;
        }
        finally
        {
            slot?.Cancel();
        }
    }
}
