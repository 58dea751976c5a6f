using Microsoft.Extensions.Time.Testing;

namespace WireEdge.Zauth.Tests.Verification;

public sealed class KeyRotationTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rotation_NewSigningIndex_OldTokensVerifyUntilExpiry()
    {
        var (pubs, secrets) = TestKeys.Generate(2);
        var firstLineOnly = secrets.Split('\n')[0];
        var time = new FakeTimeProvider(Now);
        var user = Guid.NewGuid();

        // Before the rotation: one key, signing with k=1.
        var before = new ZauthSigner(ZauthKeyRing.FromText(firstLineOnly, null)).CreateAccess(user, null, 1, Now.AddMinutes(15));

        // After: a second key is added and the signing index switches to 2.
        var rotated = ZauthKeyRing.FromText(secrets, pubs);
        var after = new ZauthSigner(rotated, keyIndex: 2).CreateAccess(user, null, 1, Now.AddMinutes(30));
        var verifier = new ZauthVerifier(rotated, time);

        Assert.Contains(".k=1.", before, StringComparison.Ordinal);
        Assert.Contains(".k=2.", after, StringComparison.Ordinal);
        Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(before).Status);
        Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(after).Status);

        time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(ZauthVerifyStatus.Expired, verifier.Verify(before).Status);
        Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(after).Status);
    }

    [Fact]
    public void Verify_KeyIndexBeyondKnownKeys_IsInvalid()
    {
        var (pubs, secrets) = TestKeys.Generate(2);
        var token = new ZauthSigner(ZauthKeyRing.FromText(secrets, null), keyIndex: 2).CreateAccess(Guid.NewGuid(), null, 1, Now.AddMinutes(5));
        var verifier = new ZauthVerifier(ZauthKeyRing.FromText(null, pubs.Split('\n')[0]), new FakeTimeProvider(Now));

        Assert.Equal(ZauthVerifyStatus.Invalid, verifier.Verify(token).Status);
    }

    [Fact]
    public void Verify_TokenNamingTheOtherKey_IsFalsified()
    {
        var (pubs, secrets) = TestKeys.Generate(2);
        var keys = ZauthKeyRing.FromText(secrets, pubs);
        var token = new ZauthSigner(keys, keyIndex: 2).CreateAccess(Guid.NewGuid(), null, 1, Now.AddMinutes(5));
        var relabelled = token.Replace(".k=2.", ".k=1.", StringComparison.Ordinal);

        Assert.Equal(ZauthVerifyStatus.Falsified, new ZauthVerifier(keys, new FakeTimeProvider(Now)).Verify(relabelled).Status);
    }

    [Fact]
    public void KeyRing_EmptyLineInTheMiddle_IsRejected()
    {
        var (pubs, _) = TestKeys.Generate(2);
        var lines = pubs.Split('\n');

        Assert.Throws<FormatException>(() => ZauthKeyRing.FromText(null, lines[0] + "\n\n" + lines[1]));
        Assert.Equal(2, ZauthKeyRing.FromText(null, lines[0] + "\r\n" + lines[1] + "\r\n\r\n").PublicKeyCount);
    }

    [Fact]
    public void KeyRing_SecretKeyWithWrongPublicHalf_IsRejected()
    {
        var (_, a) = ZauthKeyRing.GenerateKeyPair();
        var (_, b) = ZauthKeyRing.GenerateKeyPair();
        var mixed = Convert.FromBase64String(a.Replace('-', '+').Replace('_', '/'))[..32]
            .Concat(Convert.FromBase64String(b.Replace('-', '+').Replace('_', '/'))[32..]).ToArray();

        Assert.Throws<FormatException>(() => ZauthKeyRing.FromText(Convert.ToBase64String(mixed), null));
    }
}
