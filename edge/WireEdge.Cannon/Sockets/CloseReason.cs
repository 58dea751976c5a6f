namespace WireEdge.Cannon.Sockets;

/// <summary>Why a socket ended (metric tag <c>reason</c>).</summary>
public enum CloseReason
{
    ClientClosed,
    Replaced,
    Overflow,
    PongTimeout,
    Lifetime,
    Drain,
    EpochChanged,
    ProtocolError,
    TransportError,
    ClosedByGundeck,
}

public static class CloseReasonNames
{
    public static string Name(this CloseReason reason) => reason switch
    {
        CloseReason.ClientClosed => "client-closed",
        CloseReason.Replaced => "replaced",
        CloseReason.Overflow => "queue-overflow",
        CloseReason.PongTimeout => "pong-timeout",
        CloseReason.Lifetime => "max-lifetime",
        CloseReason.Drain => "drain",
        CloseReason.EpochChanged => "presence-epoch-changed",
        CloseReason.ProtocolError => "protocol-error",
        CloseReason.TransportError => "transport-error",
        CloseReason.ClosedByGundeck => "closed-by-gundeck",
        _ => "other",
    };
}
