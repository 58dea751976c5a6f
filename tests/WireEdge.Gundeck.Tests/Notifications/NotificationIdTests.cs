using Microsoft.Extensions.Time.Testing;
using WireEdge.Gundeck.Notifications;

namespace WireEdge.Gundeck.Tests.Notifications;

public sealed class NotificationIdTests
{
    [Fact]
    public void Next_IsVersion1_WithTimestampOfClock()
    {
        var now = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var gen = new NotificationIdGenerator(new FakeTimeProvider(now));
        var (id, ts) = gen.Next();
        Assert.True(NotificationId.IsTimeUuid(id));
        Assert.Equal('1', id.ToString("D")[14]);
        Assert.Equal(ts, NotificationId.Timestamp(id));
        Assert.Equal(now, NotificationId.ToTime(ts));
    }

    [Fact]
    public void Next_WithFrozenClock_IsStrictlyIncreasing()
    {
        var gen = new NotificationIdGenerator(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)));
        var previous = gen.Next();
        for (var i = 0; i < 10_000; i++)
        {
            var next = gen.Next();
            Assert.True(next.Timestamp > previous.Timestamp);
            Assert.Equal(next.Timestamp, NotificationId.Timestamp(next.Id));
            previous = next;
        }
    }

    [Fact]
    public void Next_WhenClockGoesBack_StillIncreases()
    {
        var clock = new SettableClock { Now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var gen = new NotificationIdGenerator(clock);
        var a = gen.Next();
        clock.Now = clock.Now.AddMinutes(-5);
        var b = gen.Next();
        Assert.True(b.Timestamp > a.Timestamp);
    }

    [Fact]
    public void TryParse_RejectsVersion4()
    {
        Assert.False(NotificationId.TryParse(Guid.NewGuid().ToString(), out _));
        Assert.False(NotificationId.TryParse("nonsense", out _));
        var id = new NotificationIdGenerator(TimeProvider.System).Next().Id;
        Assert.True(NotificationId.TryParse(id.ToString(), out var parsed));
        Assert.Equal(id, parsed);
    }

    [Fact]
    public void Timestamp_IsNotTheTextOrder()
    {
        // The time_low field comes first in the text, so text order is not time order; the store sorts on the timestamp.
        var early = NotificationId.Create(0x0000_0001_FFFF_FFFFL, 1, 1);
        var late = NotificationId.Create(0x0000_0002_0000_0000L, 1, 1);
        Assert.True(string.CompareOrdinal(early.ToString(), late.ToString()) > 0);
        Assert.True(NotificationId.Timestamp(early) < NotificationId.Timestamp(late));
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
