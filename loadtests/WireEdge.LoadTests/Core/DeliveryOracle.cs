namespace WireEdge.LoadTests.Core;

/// <summary>
/// Delivery oracle for push scenarios. Every acknowledged push is recorded with the receivers it must reach;
/// every receipt is recorded per receiver and source (websocket or catch-up). At the end: missing (acknowledged
/// but never received by an expected receiver), duplicates (same receiver, same source, same message more than
/// once) and out-of-order (a receiver saw a lower sequence number of a stream after a higher one on one source).
/// Publishers must send one stream's sequence numbers in order (one push in flight per stream).
/// </summary>
public sealed class DeliveryOracle
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Stream, long Seq), string[]> acked = [];
    private readonly Dictionary<(string Receiver, string Stream, long Seq), int> receivedAny = [];
    private readonly Dictionary<(string Receiver, string Stream, long Seq, string Source), int> receivedBySource = [];
    private readonly Dictionary<(string Receiver, string Stream, string Source), long> lastSeq = [];
    private long duplicates;
    private long outOfOrder;
    private long receipts;

    public bool Used { get; private set; }

    public void Acknowledged(string stream, long seq, string[] receivers)
    {
        lock (gate)
        {
            Used = true;
            acked[(stream, seq)] = receivers;
        }
    }

    public void Received(string receiver, string stream, long seq, string source)
    {
        lock (gate)
        {
            Used = true;
            receipts++;
            receivedAny[(receiver, stream, seq)] = receivedAny.GetValueOrDefault((receiver, stream, seq)) + 1;
            var key = (receiver, stream, seq, source);
            var n = receivedBySource.GetValueOrDefault(key) + 1;
            receivedBySource[key] = n;
            if (n > 1)
            {
                duplicates++;
            }

            var orderKey = (receiver, stream, source);
            if (lastSeq.TryGetValue(orderKey, out var last) && seq < last)
            {
                outOfOrder++;
            }
            else
            {
                lastSeq[orderKey] = seq;
            }
        }
    }

    public bool HasReceived(string receiver, string stream, long seq)
    {
        lock (gate)
        {
            return receivedAny.ContainsKey((receiver, stream, seq));
        }
    }

    /// <summary>Acknowledged deliveries not yet received, as (receiver, stream, seq).</summary>
    public List<(string Receiver, string Stream, long Seq)> Outstanding()
    {
        lock (gate)
        {
            var list = new List<(string, string, long)>();
            foreach (var ((stream, seq), receivers) in acked)
            {
                foreach (var r in receivers)
                {
                    if (!receivedAny.ContainsKey((r, stream, seq)))
                    {
                        list.Add((r, stream, seq));
                    }
                }
            }

            return list;
        }
    }

    public OracleSummary Summary()
    {
        lock (gate)
        {
            long expected = 0;
            foreach (var receivers in acked.Values)
            {
                expected += receivers.Length;
            }

            var missing = Outstanding().Count;
            var bySource = receivedBySource.GroupBy(kv => kv.Key.Source, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
            return new OracleSummary(acked.Count, expected, expected - missing, missing, duplicates, outOfOrder, receipts, bySource);
        }
    }
}

public sealed record OracleSummary(
    long AcknowledgedPushes, long ExpectedDeliveries, long Delivered, long Missing, long Duplicates, long OutOfOrder,
    long Receipts, Dictionary<string, long> ReceiptsBySource);
