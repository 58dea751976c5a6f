using Microsoft.Extensions.Time.Testing;

namespace WireEdge.Zauth.Tests.Tokens;

public sealed class TokenRoundTripTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ZauthKeyRing _keys = TestKeys.Ring();
    private readonly FakeTimeProvider _time = new(Now);

    private ZauthVerifier Verifier() => new(_keys, _time);

    [Fact]
    public void CreateAccess_WithClient_WritesCanonicalOrderAndVerifies()
    {
        var user = Guid.NewGuid();
        var token = new ZauthSigner(_keys).CreateAccess(user, "5f3a1c", 12345678901234567890UL, Now.AddMinutes(15));

        Assert.Equal(88, token.IndexOf('.', StringComparison.Ordinal));
        Assert.EndsWith("==", token[..88], StringComparison.Ordinal);
        Assert.Equal($"v=1.k=1.d={Now.AddMinutes(15).ToUnixTimeSeconds()}.t=a.l=.u={user:D}.i=5f3a1c.c=12345678901234567890", token[89..]);

        var result = Verifier().Verify(token);
        Assert.Equal(ZauthVerifyStatus.Valid, result.Status);
        var claims = result.Token!;
        Assert.Equal(ZauthTokenType.Access, claims.Type);
        Assert.Equal(user, claims.User);
        Assert.Equal("5f3a1c", claims.Client);
        Assert.Equal(12345678901234567890UL, claims.Connection);
        Assert.Equal(1, claims.KeyIndex);
        Assert.Equal(1, claims.Version);
        Assert.Equal("", claims.Tag);
    }

    [Fact]
    public void CreateAccess_WithoutClient_OmitsI()
    {
        var user = Guid.NewGuid();
        var token = new ZauthSigner(_keys).CreateAccess(user, null, 7, Now.AddMinutes(15));

        Assert.EndsWith($".t=a.l=.u={user:D}.c=7", token, StringComparison.Ordinal);
        var result = Verifier().Verify(token);
        Assert.Equal(ZauthVerifyStatus.Valid, result.Status);
        Assert.Null(result.Token!.Client);
    }

    [Fact]
    public void CreateUser_Session_WritesTagSAndHexRandom()
    {
        var user = Guid.NewGuid();
        var token = new ZauthSigner(_keys).CreateUser(user, 0x00ab12cdu, "1f", session: true, Now.AddDays(1));

        Assert.EndsWith($".t=u.l=s.u={user:D}.r=ab12cd.i=1f", token, StringComparison.Ordinal);
        var claims = Verifier().Verify(token).Token!;
        Assert.Equal(ZauthTokenType.User, claims.Type);
        Assert.True(claims.IsSession);
        Assert.Equal(0x00ab12cdu, claims.Random);
        Assert.Equal("1f", claims.Client);
    }

    [Fact]
    public void CreateLegalHoldTokens_UseLaAndLu()
    {
        var user = Guid.NewGuid();
        var signer = new ZauthSigner(_keys);
        var la = Verifier().Verify(signer.CreateLegalHoldAccess(user, null, 3, Now.AddMinutes(15)));
        var lu = Verifier().Verify(signer.CreateLegalHoldUser(user, 9, null, Now.AddDays(56)));

        Assert.Equal(ZauthTokenType.LegalHoldAccess, la.Token!.Type);
        Assert.Equal(ZauthTokenType.LegalHoldUser, lu.Token!.Type);
        Assert.Contains(".t=la.", signer.CreateLegalHoldAccess(user, null, 3, Now.AddMinutes(15)), StringComparison.Ordinal);
        Assert.Contains(".t=lu.", signer.CreateLegalHoldUser(user, 9, null, Now.AddDays(56)), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBot_NeverExpires()
    {
        var (p, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var token = new ZauthSigner(_keys).CreateBot(p, b, c);

        Assert.EndsWith($"v=1.k=1.d=-1.t=b.l=.p={p:D}.b={b:D}.c={c:D}", token, StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromDays(3650));
        var result = Verifier().Verify(token);
        Assert.Equal(ZauthVerifyStatus.Valid, result.Status);
        Assert.Equal((p, b, c), (result.Token!.Provider, result.Token.Bot, result.Token.Conversation));
        Assert.Equal(-1, result.Token.Expires);
    }

    [Fact]
    public void CreateProvider_RoundTrips()
    {
        var p = Guid.NewGuid();
        var token = new ZauthSigner(_keys).CreateProvider(p, Now.AddMinutes(15));

        Assert.EndsWith($".t=p.l=.p={p:D}", token, StringComparison.Ordinal);
        var result = Verifier().Verify(token);
        Assert.Equal(ZauthVerifyStatus.Valid, result.Status);
        Assert.Equal(p, result.Token!.Provider);
        Assert.Equal(Guid.Empty, result.Token.User);
    }

    [Fact]
    public void Verify_TokenFromOtherKey_IsFalsified()
    {
        var token = new ZauthSigner(TestKeys.Ring()).CreateAccess(Guid.NewGuid(), null, 1, Now.AddMinutes(15));

        Assert.Equal(ZauthVerifyStatus.Falsified, Verifier().Verify(token).Status);
    }

    [Fact]
    public void Verify_SpanAndStringOverloads_Agree()
    {
        var token = new ZauthSigner(_keys).CreateAccess(Guid.NewGuid(), "a", 1, Now.AddMinutes(15));
        var verifier = Verifier();

        Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(token.AsSpan()).Status);
        Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(token).Status);
        Assert.Equal(ZauthVerifyStatus.Invalid, verifier.Verify("".AsSpan()).Status);
    }

    [Fact]
    public void Parse_BodyFieldsInAnyOrder_AreAccepted()
    {
        var user = Guid.NewGuid();
        var sig = new string('A', 86) + "==";
        Assert.True(ZauthTokenParser.TryParse($"{sig}.v=1.k=1.d=100.t=a.l=.c=5.i=ff.u={user:D}", out var a));
        Assert.True(ZauthTokenParser.TryParse($"{sig}.t=a.d=100.u={user:D}.c=5.l=.k=1.v=1", out var b));

        Assert.Equal((user, "ff", 5UL), (a!.User, a.Client, a.Connection));
        Assert.Equal((user, (string?)null, 5UL), (b!.User, b.Client, b.Connection));
    }

    [Theory]
    [InlineData("v=1.k=1.d=100.t=a.l=.u={U}.c=5.c=5")] // duplicate
    [InlineData("v=1.k=1.d=100.t=a.l=.u={U}")] // missing c
    [InlineData("v=1.k=1.d=100.t=x.l=.u={U}.c=5")] // unknown type
    [InlineData("v=2.k=1.d=100.t=a.l=.u={U}.c=5")] // version
    [InlineData("v=1.k=0.d=100.t=a.l=.u={U}.c=5")] // k < 1
    [InlineData("v=1.k=1.d=100.t=a.l=x.u={U}.c=5")] // tag
    [InlineData("v=1.k=1.d=100.t=a.l=.u={U}.c=5.r=1")] // foreign field
    [InlineData("v=1.k=1.d=100.t=a.l=.u={U}.c=5.")] // trailing dot
    [InlineData("v=1.k=1.d=100.t=b.l=.p={U}.b={U}.c={U}")] // bot with expiry
    [InlineData("v=1.k=1.d=-1.t=a.l=.u={U}.c=5")] // access never expiring
    [InlineData("v=1.k=1.d=100.t=a.l=.u={U}.i=xyz.c=5")] // client not hex
    public void Parse_MalformedBody_IsRejected(string data)
    {
        var sig = new string('A', 86) + "==";
        Assert.False(ZauthTokenParser.TryParse($"{sig}.{data.Replace("{U}", Guid.NewGuid().ToString(), StringComparison.Ordinal)}", out _));
    }
}
