using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireEdge.Contracts.Push;

namespace WireEdge.Brig.Events;

/// <summary>
/// Builds brig's user events (FACTS.md §6.7) and hands them to the push hub (<see cref="IPushClient"/>,
/// resolved lazily: without a push hub in the process, events are dropped). Each event is
/// serialised once into the notification payload array.
/// </summary>
public sealed partial class UserEvents(IServiceProvider services, ILogger<UserEvents> logger)
{
    /// <summary>Pushes a payload (one event object written by <paramref name="write"/>) to all clients of <paramref name="user"/>.</summary>
    public Task PushToSelfAsync(Guid user, string? originConnection, Action<Utf8JsonWriter> write, CancellationToken cancellationToken = default)
        => PushAsync(user, [user], originConnection, write, cancellationToken);

    /// <summary>Pushes one event to several users (origin <paramref name="origin"/>).</summary>
    public async Task PushAsync(Guid origin, IReadOnlyCollection<Guid> recipients, string? originConnection, Action<Utf8JsonWriter> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(write);
        var push = services.GetService<IPushClient>();
        if (push is null || recipients.Count == 0)
        {
            return;
        }

        var request = new PushRequest
        {
            Recipients = [.. recipients.Select(r => new PushRecipient(r))],
            Payload = Serialise(write),
            Origin = origin,
            OriginConnection = originConnection,
        };
        try
        {
            await push.PushAsync([request], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPushFailed(logger, e, origin);
        }
    }

    /// <summary>The payload array <c>[event]</c> as UTF-8 JSON.</summary>
    public static byte[] Serialise(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Pushing a user event of {User} failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid user);
}
