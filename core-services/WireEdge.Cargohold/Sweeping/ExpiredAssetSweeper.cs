using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WireEdge.Cargohold.Assets;
using WireEdge.Cargohold.Blobs;

namespace WireEdge.Cargohold.Sweeping;

/// <summary>Deletes expired (volatile, expiring) assets, metadata and bytes, in batches.</summary>
public sealed partial class ExpiredAssetSweeper(
    IAssetStore store,
    IAssetBlobStore blobs,
    IOptions<CargoholdOptions> options,
    TimeProvider time,
    ILogger<ExpiredAssetSweeper> logger) : BackgroundService
{
    /// <summary>One sweep; returns how many assets were deleted.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        while (true)
        {
            var keys = await store.ExpiredAsync(time.GetUtcNow().ToUnixTimeMilliseconds(), 500, cancellationToken).ConfigureAwait(false);
            foreach (var key in keys)
            {
                await blobs.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
                await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
                deleted++;
            }

            if (keys.Count < 500)
            {
                return deleted;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var n = await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
                if (n > 0)
                {
                    LogSwept(logger, n);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Deleted {Count} expired asset(s)")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Asset sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
