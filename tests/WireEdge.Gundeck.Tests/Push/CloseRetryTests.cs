using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WireEdge.Contracts.Push;
using WireEdge.Gundeck.Push;

namespace WireEdge.Gundeck.Tests.Push;

/// <summary>
/// A cannon whose bulk push timed out is often stalled, not dead, and misses the close request too
/// (found by tests/e2e/test/07-faults: a SIGSTOPped cannon kept its sockets open after the thaw, with
/// no presence, so their clients waited forever). Gundeck keeps asking until the cannon answers.
/// </summary>
public sealed class CloseRetryTests
{
    private static readonly Uri C1 = new("http://127.0.0.1:9001");
    private readonly FakePresenceRegistry presences = new();
    private readonly FakeCannonClient cannons = new() { Delay = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Deliver_TimedOutCannonAlsoMissingTheFirstCloses_IsAskedAgainUntilItAnswers()
    {
        var closer = new StalledCloser(stalledAttempts: 2);
        var router = new PushRouter(presences, cannons, closer, new RecordingNativeSink(), Options.Create(new GundeckOptions { BulkPushTimeoutMs = 200 }), NullLogger<PushRouter>.Instance);
        var u = Guid.NewGuid();
        presences.Add(new Presence(u, "stalled", C1, null, 1));

        await router.DeliverAsync([Delivery(u)]);

        Assert.False(presences.Has(u, "stalled"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (closer.Answered.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var (cannon, targets) = Assert.Single(closer.Answered);
        Assert.Equal(C1, cannon);
        Assert.Equal([new BulkPushTarget(u, "stalled")], targets);
        Assert.Equal(3, closer.Attempts);
    }

    [Fact]
    public async Task Deliver_CannonThatNeverAnswers_IsGivenUpOnAfterTheRetryWindow()
    {
        var closer = new StalledCloser(stalledAttempts: int.MaxValue);
        var router = new PushRouter(presences, cannons, closer, new RecordingNativeSink(), Options.Create(new GundeckOptions { BulkPushTimeoutMs = 50, CloseRetrySeconds = 0 }), NullLogger<PushRouter>.Instance);
        var u = Guid.NewGuid();
        presences.Add(new Presence(u, "dead", C1, null, 1));

        await router.DeliverAsync([Delivery(u)]);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (closer.Attempts == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        // With no retry window the first attempt is the only one.
        await Task.Delay(1_000);
        Assert.Equal(1, closer.Attempts);
        Assert.Empty(closer.Answered);
    }

    private static Delivery Delivery(Guid user)
    {
        var id = Guid.NewGuid();
        var push = new PushRequest { Recipients = [new PushRecipient(user)], Payload = Encoding.UTF8.GetBytes("[{\"type\":\"t\"}]") };
        return new Delivery(id, NotificationJson.Encode(id, push.Payload.Span, push.Transient), push);
    }

    /// <summary>A stalled cannon: the first attempts hang until the caller's timeout; later ones are answered.</summary>
    private sealed class StalledCloser(int stalledAttempts) : ICannonSocketCloser
    {
        private int attempts;

        public int Attempts => Volatile.Read(ref attempts);

        public ConcurrentQueue<(Uri Cannon, IReadOnlyList<BulkPushTarget> Targets)> Answered { get; } = new();

        public async Task CloseAsync(Uri cannon, IReadOnlyList<BulkPushTarget> targets, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref attempts) <= stalledAttempts)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            Answered.Enqueue((cannon, targets));
        }
    }
}
