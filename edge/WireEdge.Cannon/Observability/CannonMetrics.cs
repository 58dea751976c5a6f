using System.Diagnostics.Metrics;
using WireEdge.Cannon.Sockets;

namespace WireEdge.Cannon.Observability;

/// <summary>Meter <c>WireEdge.Cannon</c>: open sockets, frames sent, closes by reason.</summary>
public sealed class CannonMetrics
{
    public const string MeterName = "WireEdge.Cannon";

    private readonly Counter<long> framesSent;
    private readonly Counter<long> closes;
    private readonly Counter<long> accepted;
    private readonly Counter<long> rejected;
    private long acceptedTotal;

    public CannonMetrics(IMeterFactory meterFactory, SocketRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(registry);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("wireedge.cannon.sockets.open", () => registry.Count, "{socket}", "Open websockets");
        framesSent = meter.CreateCounter<long>("wireedge.cannon.frames.sent", "{frame}", "Frames written to sockets (notifications, pongs, pings, closes)");
        closes = meter.CreateCounter<long>("wireedge.cannon.sockets.closed", "{socket}", "Sockets ended, by reason");
        accepted = meter.CreateCounter<long>("wireedge.cannon.sockets.accepted", "{socket}", "Websocket upgrades accepted");
        rejected = meter.CreateCounter<long>("wireedge.cannon.handshakes.rejected", "{handshake}", "Upgrade requests rejected, by status");
    }

    public void FramesSent(int count) => framesSent.Add(count);

    public void Closed(CloseReason reason) => closes.Add(1, new KeyValuePair<string, object?>("reason", reason.Name()));

    /// <summary>Sockets accepted since start (for the post-burst compaction).</summary>
    public long AcceptedTotal => Interlocked.Read(ref acceptedTotal);

    public void Accepted()
    {
        Interlocked.Increment(ref acceptedTotal);
        accepted.Add(1);
    }

    public void Rejected(int status) => rejected.Add(1, new KeyValuePair<string, object?>("status", status));
}
