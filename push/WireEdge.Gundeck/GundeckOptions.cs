using System.ComponentModel.DataAnnotations;

namespace WireEdge.Gundeck;

/// <summary>Settings under <c>Gundeck:</c>.</summary>
public sealed class GundeckOptions
{
    public const string Section = "Gundeck";

    /// <summary>How long notifications are kept, in seconds (FACTS.md §5.1: 28 days).</summary>
    [Range(1, int.MaxValue)]
    public int NotificationTTL { get; set; } = 2_419_200;

    /// <summary>How often expired notifications are deleted, in seconds.</summary>
    [Range(1, 86_400)]
    public int SweepIntervalSeconds { get; set; } = 300;

    /// <summary>Maximum payload bytes returned in one page of <c>GET /notifications</c> (5 MiB).</summary>
    [Range(1024, int.MaxValue)]
    public int MaxPayloadLoadSize { get; set; } = 5 * 1024 * 1024;

    /// <summary>Timeout of one bulk push to a cannon, in milliseconds; on expiry its sockets are closed.</summary>
    [Range(50, 600_000)]
    public int BulkPushTimeoutMs { get; set; } = 5_000;

    /// <summary>
    /// How long gundeck keeps asking a cannon whose bulk push failed or timed out to close the sockets
    /// that missed it (seconds; retries back off from 250 ms to 5 s).
    /// </summary>
    [Range(0, 3_600)]
    public int CloseRetrySeconds { get; set; } = 120;

    /// <summary>Largest accepted <c>POST /i/push/v2</c> body, in bytes.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxPushBodyBytes { get; set; } = 32 * 1024 * 1024;
}
