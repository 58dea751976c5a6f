using Microsoft.Extensions.Logging;
using WireEdge.Contracts.Push;

namespace WireEdge.Gundeck.Native;

/// <summary>A recipient that should get a native (APNs/FCM) notice for a notification: it had no live socket delivery.</summary>
public readonly record struct NativePushCandidate(Guid User, Guid NotificationId, NativePriority Priority);

/// <summary>
/// Native push delivery (FACTS.md §5.5). WireEdge has no APNs/FCM credentials: the default sink only
/// logs at debug level. Replace the registration to deliver for real.
/// </summary>
public interface INativePushSink
{
    Task SendAsync(IReadOnlyList<NativePushCandidate> candidates, CancellationToken cancellationToken = default);
}

public sealed partial class LoggingNativePushSink(ILogger<LoggingNativePushSink> logger) : INativePushSink
{
    public Task SendAsync(IReadOnlyList<NativePushCandidate> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count > 0)
        {
            LogNative(candidates.Count);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Native push not configured: {Count} notices not sent")]
    private partial void LogNative(int count);
}
