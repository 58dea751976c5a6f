using System.Collections.Concurrent;
using System.Text.Json;
using WireEdge.Contracts.Push;

namespace WireEdge.Galley.Tests.Support;

/// <summary>A push hub that records every push (payload parsed) and delivers nothing.</summary>
public sealed class RecordingPushClient : IPushClient
{
    private readonly ConcurrentQueue<RecordedPush> pushes = new();

    public IReadOnlyList<RecordedPush> Pushes => [.. pushes];

    public Task PushAsync(IReadOnlyList<PushRequest> requests, CancellationToken cancellationToken = default)
    {
        foreach (var r in requests)
        {
            using var doc = JsonDocument.Parse(r.Payload);
            var events = doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
            pushes.Enqueue(new RecordedPush(r, events));
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<RecordedPush> OfType(string type) => [.. Pushes.Where(p => p.Events.Any(e => e.GetProperty("type").GetString() == type))];

    /// <summary>Pushes whose events belong to the conversation.</summary>
    public IReadOnlyList<RecordedPush> For(Guid conversation, string? type = null) =>
        [.. Pushes.Where(p => p.Events.Any(e =>
            e.TryGetProperty("conversation", out var c) && c.GetString() == conversation.ToString("D")
            && (type is null || e.GetProperty("type").GetString() == type)))];
}

public sealed record RecordedPush(PushRequest Request, IReadOnlyList<JsonElement> Events)
{
    public JsonElement Event => Events.Single();

    public IEnumerable<Guid> Users => Request.Recipients.Select(r => r.User);
}
