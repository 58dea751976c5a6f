using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WireEdge.Gundeck.Notifications;

/// <summary>Deletes expired notifications every <see cref="GundeckOptions.SweepIntervalSeconds"/> (the 28-day TTL).</summary>
public sealed partial class NotificationSweeper(INotificationStore store, TimeProvider time, IOptions<GundeckOptions> options, ILogger<NotificationSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep; failures are logged, never thrown (the next tick retries).</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var n = await store.SweepAsync(cancellationToken).ConfigureAwait(false);
            if (n > 0)
            {
                LogSwept(n);
            }

            return n;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSweepFailed(e);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired notification rows")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification sweep failed")]
    private partial void LogSweepFailed(Exception exception);
}
