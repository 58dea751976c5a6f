using Microsoft.Extensions.Time.Testing;

namespace WireEdge.Zauth.Tests.Verification;

public sealed class ExpiryAndCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ZauthKeyRing _keys = TestKeys.Ring();
    private readonly FakeTimeProvider _time = new(Now);

    private string Access(DateTimeOffset expires, string? client = null) =>
        new ZauthSigner(_keys).CreateAccess(Guid.NewGuid(), client, 1, expires);

    [Fact]
    public void Verify_AtExpirySecond_IsValid_OneSecondLater_IsExpiredWithClaims()
    {
        var token = Access(Now.AddSeconds(10));
        var verifier = new ZauthVerifier(_keys, _time, cacheSize: 0);

        _time.Advance(TimeSpan.FromSeconds(10.9));
        Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(token).Status);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        var result = verifier.Verify(token);
        Assert.Equal(ZauthVerifyStatus.Expired, result.Status);
        Assert.NotNull(result.Token);
        Assert.Equal(Now.AddSeconds(10).ToUnixTimeSeconds(), result.Token.Expires);
    }

    [Fact]
    public void Verify_CachedToken_ExpiresOnCacheHit()
    {
        var token = Access(Now.AddMinutes(15));
        var verifier = new ZauthVerifier(_keys, _time);
        Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(token).Status);
        Assert.Equal(1, verifier.Cache!.Count);

        _time.Advance(TimeSpan.FromMinutes(16));
        var result = verifier.Verify(token);

        Assert.Equal(ZauthVerifyStatus.Expired, result.Status);
        Assert.NotNull(result.Token);
        Assert.Equal(0, verifier.Cache.Count);
    }

    [Fact]
    public void Verify_SameTokenTwice_SecondIsServedFromCache()
    {
        var token = Access(Now.AddMinutes(15));
        var verifier = new ZauthVerifier(_keys, _time);

        var first = verifier.Verify(token);
        var second = verifier.Verify(token.AsSpan());
        var uncached = new ZauthVerifier(_keys, _time, cacheSize: 0);

        Assert.Same(first.Token, second.Token);
        Assert.NotSame(uncached.Verify(token).Token, uncached.Verify(token).Token);
    }

    [Fact]
    public void Verify_ForgedTokenSharingCachedPrefix_IsFalsifiedAndNotCached()
    {
        var token = Access(Now.AddMinutes(15), client: "abc");
        var verifier = new ZauthVerifier(_keys, _time);
        Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(token).Status);

        // Same signature (same cache hash), different body.
        var forged = token[..^1] + (token[^1] == '1' ? '2' : '1');
        Assert.Equal(ZauthVerifyStatus.Falsified, verifier.Verify(forged).Status);
        Assert.Equal(ZauthVerifyStatus.Falsified, verifier.Verify(forged).Status);
        Assert.Equal(1, verifier.Cache!.Count);
    }

    [Fact]
    public void Verify_ExpiredOrInvalidTokens_AreNeverCached()
    {
        var verifier = new ZauthVerifier(_keys, _time);
        var expired = Access(Now.AddSeconds(-5));
        var foreign = new ZauthSigner(TestKeys.Ring()).CreateAccess(Guid.NewGuid(), null, 1, Now.AddMinutes(5));

        Assert.Equal(ZauthVerifyStatus.Expired, verifier.Verify(expired).Status);
        Assert.Equal(ZauthVerifyStatus.Falsified, verifier.Verify(foreign).Status);
        Assert.Equal(ZauthVerifyStatus.Invalid, verifier.Verify("garbage").Status);
        Assert.Equal(0, verifier.Cache!.Count);
    }

    [Fact]
    public void Cache_ManyTokens_StaysBoundedAndCorrect()
    {
        var verifier = new ZauthVerifier(_keys, _time, cacheSize: 64);
        var signer = new ZauthSigner(_keys);
        var tokens = Enumerable.Range(0, 1000).Select(i => signer.CreateAccess(Guid.NewGuid(), null, (ulong)i, Now.AddMinutes(5))).ToArray();

        Parallel.ForEach(tokens, t => Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(t).Status));
        Parallel.ForEach(tokens, t => Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(t).Status));

        Assert.Equal(64, verifier.Cache!.Capacity);
        Assert.InRange(verifier.Cache.Count, 1, 64);
    }

    [Fact]
    public void Verify_NullOrHugeInput_IsInvalidOrArgumentError()
    {
        var verifier = new ZauthVerifier(_keys, _time);

        Assert.Throws<ArgumentNullException>(() => verifier.Verify((string)null!));
        Assert.Equal(ZauthVerifyStatus.Invalid, verifier.Verify(new string('A', 1_000_000)).Status);
        Assert.Equal(ZauthVerifyStatus.Invalid, verifier.Verify(ReadOnlySpan<char>.Empty).Status);
    }
}
