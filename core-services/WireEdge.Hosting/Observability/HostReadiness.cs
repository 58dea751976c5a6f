namespace WireEdge.Hosting.Observability;

/// <summary>Readiness reported by <c>GET /i/status</c>; turned false first when the process drains.</summary>
public sealed class HostReadiness
{
    private volatile bool ready = true;

    public bool IsReady => ready;

    public void MarkDraining() => ready = false;
}
