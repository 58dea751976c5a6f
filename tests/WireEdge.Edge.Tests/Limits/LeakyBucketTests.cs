using System.Net;
using Microsoft.Extensions.Options;
using WireEdge.Edge.Limits;

namespace WireEdge.Edge.Tests.Limits;

public sealed class LeakyBucketTests
{
    private const long PerMinute15 = 15 * 1000 / 60;

    [Fact]
    public void Burst10_Accepts11_ThenRejectsWithRetryAfter()
    {
        var t = new LeakyBucketTable(1024);
        for (var i = 0; i < 11; i++)
        {
            Assert.Equal(0, t.TryAcquire(1, 1000 + i, PerMinute15, 10_000));
        }

        var wait = t.TryAcquire(1, 1011, PerMinute15, 10_000);
        Assert.InRange(wait, 1, 5);
        Assert.Equal(0, t.TryAcquire(2, 1011, PerMinute15, 10_000));
    }

    [Fact]
    public void Bucket_Drains_AtTheRate()
    {
        var t = new LeakyBucketTable(1024);
        for (var i = 0; i < 11; i++)
        {
            t.TryAcquire(1, 0, PerMinute15, 10_000);
        }

        Assert.NotEqual(0, t.TryAcquire(1, 1000, PerMinute15, 10_000));
        Assert.Equal(0, t.TryAcquire(1, 4100, PerMinute15, 10_000));
        Assert.NotEqual(0, t.TryAcquire(1, 4200, PerMinute15, 10_000));
    }

    [Fact]
    public void Table_StaysBounded_UnderManyKeys()
    {
        var t = new LeakyBucketTable(256);
        for (ulong k = 0; k < 100_000; k++)
        {
            t.TryAcquire(k * 0x9E3779B97F4A7C15UL, 0, 30_000, 20_000);
        }

        Assert.InRange(t.Count, 1, 256);
    }

    [Fact]
    public void Concurrency_LimitsInFlight_AndReleases()
    {
        var t = new ConcurrencyTable();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(t.TryEnter(7, 20));
        }

        Assert.False(t.TryEnter(7, 20));
        t.Exit(7);
        Assert.True(t.TryEnter(7, 20));
    }

    [Theory]
    [InlineData("30r/s", 30_000)]
    [InlineData("15r/m", 250)]
    [InlineData("3000r/m", 50_000)]
    public void Rates_ParseLikeNginx(string text, long expected)
    {
        Assert.True(RateZone.TryParseRate(text, out var rate));
        Assert.Equal(expected, rate);
    }

    [Fact]
    public void ExemptAddresses_MatchCidr()
    {
        var o = new EdgeOptions();
        o.RateLimits.ExemptAddresses = ["10.0.0.0/8", "::1"];
        var l = new RateLimiter(Options.Create(o), TimeProvider.System);
        Assert.True(l.IsExempt(IPAddress.Parse("10.1.2.3")));
        Assert.True(l.IsExempt(IPAddress.Parse("::ffff:10.9.9.9")));
        Assert.True(l.IsExempt(IPAddress.IPv6Loopback));
        Assert.False(l.IsExempt(IPAddress.Parse("11.0.0.1")));
    }

    [Fact]
    public void InvalidZoneConfig_FailsWithSettingName()
    {
        var o = new EdgeOptions();
        o.RateLimits.Zones["reqs_per_user"] = new RateZoneOptions { Rate = "fast" };
        var e = Assert.Throws<OptionsValidationException>(() => new RateLimiter(Options.Create(o), TimeProvider.System));
        Assert.Contains("Edge:RateLimits:Zones:reqs_per_user:Rate", e.Message, StringComparison.Ordinal);
    }
}
