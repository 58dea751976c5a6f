using WireEdge.Cannon.Keepalive;

namespace WireEdge.Cannon.Tests.Transport;

public sealed class BurstCompactorTests
{
    [Fact]
    public void Tick_AfterABurstThenQuiet_CompactsOnce()
    {
        var runs = 0;
        var c = new BurstCompactor(100, () => runs++);
        Assert.False(c.Tick(150, 0));          // accepting
        Assert.False(c.Tick(150, 1_000));      // quiet for 1 s only
        Assert.True(c.Tick(150, 2_500));       // quiet long enough
        Assert.False(c.Tick(150, 5_000));      // nothing new
        Assert.Equal(1, runs);
    }

    [Fact]
    public void Tick_BelowTheThresholdOrOff_NeverCompacts()
    {
        var runs = 0;
        var small = new BurstCompactor(100, () => runs++);
        var off = new BurstCompactor(0, () => runs++);
        for (var t = 0L; t < 600_000; t += 1_000)
        {
            small.Tick(99, t);
            off.Tick(10_000, t);
        }

        Assert.Equal(0, runs);
    }

    [Fact]
    public void Tick_SecondBurst_WaitsForTheMinimumInterval()
    {
        var runs = 0;
        var c = new BurstCompactor(100, () => runs++);
        c.Tick(100, 0);
        Assert.True(c.Tick(100, 3_000));
        c.Tick(300, 4_000);
        Assert.False(c.Tick(300, 10_000));     // quiet, but within a minute of the last one
        Assert.True(c.Tick(300, BurstCompactor.MinIntervalMs + 3_000));
        Assert.Equal(2, runs);
    }
}
