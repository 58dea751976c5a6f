using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WireEdge.Gundeck.Presences;

/// <summary>Starts the presence store (embedded Garnet or the external connection) with the host; never fails startup.</summary>
internal sealed partial class RedisStartup(RedisConnectionProvider redis, ILogger<RedisStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStartFailed(e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The presence store could not be started; live delivery is unavailable until it is")]
    private partial void LogStartFailed(Exception exception);
}
