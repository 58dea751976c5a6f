using System.ComponentModel.DataAnnotations;

namespace WireEdge.Cannon.Options;

/// <summary>Configuration section <c>Cannon</c>.</summary>
public sealed class CannonOptions
{
    public const string Section = "Cannon";

    /// <summary>This cannon's internal base URI as registered in presences; default: the internal listener's address.</summary>
    public string? AdvertiseUri { get; set; }

    /// <summary>Interval of protocol (control) pings to each socket.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A socket from which nothing (pong or data) arrived for this long is closed.</summary>
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sockets are closed after this lifetime (clients reconnect).</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often the presence store's epoch is checked.</summary>
    public TimeSpan EpochPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Frames queued on one socket beyond which the socket is closed (never skip a frame).</summary>
    [Range(1, 1_000_000)]
    public int MaxQueuedFrames { get; set; } = 256;

    /// <summary>Largest frame a client may send (only <c>ping</c> is meaningful).</summary>
    [Range(125, 16 * 1024 * 1024)]
    public int MaxClientFrameBytes { get; set; } = 64 * 1024;

    /// <summary>Largest body of <c>POST /i/push</c> and <c>/i/bulkpush</c>.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxPushBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Time a client has to send its upgrade request.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A socket that was sent a close frame and did not finish within this time is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After this many sockets were accepted and accepting went quiet, one compacting full GC gives the
    /// handshake garbage back to the OS (see <see cref="Keepalive.BurstCompactor"/>); 0 turns it off.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int CompactAfterAccepts { get; set; } = 1000;

    public DrainOptions Drain { get; set; } = new();
}

/// <summary>Section <c>Cannon:Drain</c> (wire-server's <c>drainOpts</c>).</summary>
public sealed class DrainOptions
{
    [Range(0, 3600)]
    public double GracePeriodSeconds { get; set; } = 25;

    [Range(1, 60_000)]
    public int MillisecondsBetweenBatches { get; set; } = 50;

    [Range(1, 1_000_000)]
    public int MinBatchSize { get; set; } = 20;
}
