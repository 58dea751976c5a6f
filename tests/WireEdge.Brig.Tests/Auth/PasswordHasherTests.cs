using Microsoft.Extensions.Options;
using WireEdge.Brig.Configuration;
using WireEdge.Brig.Passwords;

namespace WireEdge.Brig.Tests.Auth;

public sealed class PasswordHasherTests
{
    private static PasswordHasher Create(int memory = 64, int passes = 1, int concurrency = 2)
        => new(Options.Create(new BrigOptions { Argon2 = new Argon2Settings { MemoryKiB = memory, Passes = passes, Concurrency = concurrency } }));

    [Fact]
    public async Task Hash_ThenVerify_AcceptsOnlyTheSamePassword()
    {
        using var hasher = Create();

        var hash = await hasher.HashAsync("pässwörd 123");

        Assert.StartsWith("$argon2id$v=19$m=64,t=1,p=1$", hash, StringComparison.Ordinal);
        Assert.True(await hasher.VerifyAsync("pässwörd 123", hash));
        Assert.False(await hasher.VerifyAsync("pässwörd 124", hash));
        Assert.NotEqual(hash, await hasher.HashAsync("pässwörd 123"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$bad$bad")]
    [InlineData("$argon2i$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA")]
    [InlineData("plaintext")]
    public async Task Verify_AgainstMissingOrUnreadableHash_IsFalse(string? stored)
    {
        using var hasher = Create();

        Assert.False(await hasher.VerifyAsync("anything", stored));
    }

    [Fact]
    public async Task Verify_UsesTheParametersStoredWithTheHash()
    {
        using var old = Create(memory: 128, passes: 2);
        using var current = Create(memory: 64, passes: 1);
        var hash = await old.HashAsync("migrate me");

        Assert.True(await current.VerifyAsync("migrate me", hash));
        Assert.True(current.NeedsRehash(hash));
        Assert.False(old.NeedsRehash(hash));
    }

    [Fact]
    public async Task ConcurrentHashes_NeverExceedTheConfiguredConcurrency()
    {
        using var hasher = Create(memory: 4096, passes: 2, concurrency: 2);
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => hasher.HashAsync("password " + i))));

        Assert.InRange(hasher.PeakRunning, 1, 2);
        Assert.Equal(0, hasher.Running);
    }
}
