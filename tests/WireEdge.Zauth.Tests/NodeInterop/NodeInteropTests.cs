using Microsoft.Extensions.Time.Testing;

namespace WireEdge.Zauth.Tests.NodeInterop;

/// <summary>Interoperability with an independent Ed25519 implementation (Node's crypto.sign / crypto.verify).</summary>
public sealed class NodeInteropTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly long Exp = Now.AddMinutes(15).ToUnixTimeSeconds();
    private static readonly Guid UserId = Guid.Parse("4ee8e8b4-2d0f-4c9e-a8cf-6ab0e3c5f7a1");
    private static readonly Guid P = Guid.Parse("b3f0c5b1-6a5e-4bb1-9b2b-5d0e8f2a4c11");
    private static readonly Guid B = Guid.Parse("0b6d5a34-9a1f-46c7-b7a8-2f4e9c0d1e22");
    private static readonly Guid C = Guid.Parse("7c2a9e10-3d4b-4f5e-8a6b-1c0d2e3f4a33");

    // Canonical wire-server renderings, written out by hand (independent of ZauthTokenWriter).
    public static TheoryData<string, ZauthTokenType> CanonicalBodies => new()
    {
        { $"v=1.k=1.d={Exp}.t=a.l=.u={UserId}.i=5f3a1c.c=18446744073709551615", ZauthTokenType.Access },
        { $"v=1.k=1.d={Exp}.t=a.l=.u={UserId}.c=42", ZauthTokenType.Access },
        { $"v=1.k=1.d={Exp}.t=u.l=.u={UserId}.r=9ac1e5", ZauthTokenType.User },
        { $"v=1.k=1.d={Exp}.t=u.l=s.u={UserId}.r=1.i=ab", ZauthTokenType.User },
        { $"v=1.k=1.d=-1.t=b.l=.p={P}.b={B}.c={C}", ZauthTokenType.Bot },
        { $"v=1.k=1.d={Exp}.t=p.l=.p={P}", ZauthTokenType.Provider },
        { $"v=1.k=1.d={Exp}.t=la.l=.u={UserId}.c=7", ZauthTokenType.LegalHoldAccess },
        { $"v=1.k=1.d={Exp}.t=lu.l=.u={UserId}.r=ffffffff", ZauthTokenType.LegalHoldUser },
    };

    [Theory]
    [MemberData(nameof(CanonicalBodies))]
    public void NodeSignedCanonicalToken_VerifiesInWireEdge(string data, ZauthTokenType type)
    {
        var (pub, secret) = NodeEd25519.KeyGen();
        var token = (string)NodeEd25519.Run([NodeEd25519.Sign(secret, data)])[0]!["token"]!;
        var verifier = new ZauthVerifier(ZauthKeyRing.FromText(null, pub + "\n"), new FakeTimeProvider(Now));

        var result = verifier.Verify(token);

        Assert.Equal(ZauthVerifyStatus.Valid, result.Status);
        Assert.Equal(type, result.Token!.Type);
        Assert.Equal(88, token.IndexOf('.', StringComparison.Ordinal));
    }

    [Fact]
    public void WireEdgeTokens_SignedWithNodeGeneratedSecretKey_MatchCanonicalTextAndVerifyUnderNode()
    {
        var (pub, secret) = NodeEd25519.KeyGen();
        var signer = new ZauthSigner(ZauthKeyRing.FromText(secret + "\n", null));
        var expires = DateTimeOffset.FromUnixTimeSeconds(Exp);
        var tokens = new[]
        {
            signer.CreateAccess(UserId, "5f3a1c", ulong.MaxValue, expires),
            signer.CreateAccess(UserId, null, 42, expires),
            signer.CreateUser(UserId, 0x9ac1e5, null, false, expires),
            signer.CreateUser(UserId, 1, "ab", true, expires),
            signer.CreateBot(P, B, C),
            signer.CreateProvider(P, expires),
            signer.CreateLegalHoldAccess(UserId, null, 7, expires),
            signer.CreateLegalHoldUser(UserId, 0xffffffff, null, expires),
        };

        // Byte-for-byte the canonical text that wire-server's Haskell verifier re-serialises.
        var expected = CanonicalBodies.Select(row => (string)row[0]).ToArray();
        Assert.Equal(expected, tokens.Select(t => t[89..]).ToArray());

        // Ed25519 is deterministic: Node's signature over the same bytes is identical.
        var nodeSigned = NodeEd25519.Run([.. expected.Select(d => NodeEd25519.Sign(secret, d))]);
        Assert.Equal(nodeSigned.Select(n => (string)n!["token"]!).ToArray(), tokens);

        var verdicts = NodeEd25519.Run([.. tokens.Select(t => NodeEd25519.Verify(pub, t))]);
        Assert.All(verdicts, v => Assert.True((bool)v!["valid"]!));
    }

    [Fact]
    public void WireEdgeGeneratedKeys_WorkUnderNode()
    {
        var (pub, secret) = ZauthKeyRing.GenerateKeyPair();
        var token = new ZauthSigner(ZauthKeyRing.FromText(secret, null)).CreateAccess(UserId, null, 1, Now.AddMinutes(5));

        var results = NodeEd25519.Run([NodeEd25519.Verify(pub, token), NodeEd25519.Sign(secret, "v=1.k=1.d=1.t=p.l=.p=" + P)]);

        Assert.True((bool)results[0]!["valid"]!);
        var nodeToken = (string)results[1]!["token"]!;
        Assert.Equal(new ZauthSigner(ZauthKeyRing.FromText(secret, null)).CreateProvider(P, DateTimeOffset.FromUnixTimeSeconds(1)), nodeToken);
    }

    [Fact]
    public void NodeSignedToken_WithReorderedBody_IsFalsified()
    {
        var (pub, secret) = NodeEd25519.KeyGen();
        var data = $"v=1.k=1.d={Exp}.t=a.l=.u={UserId}.i=5f3a1c.c=42";
        var token = (string)NodeEd25519.Run([NodeEd25519.Sign(secret, data)])[0]!["token"]!;
        var reordered = token[..89] + $"v=1.k=1.d={Exp}.t=a.l=.u={UserId}.c=42.i=5f3a1c";
        var verifier = new ZauthVerifier(ZauthKeyRing.FromText(null, pub), new FakeTimeProvider(Now));

        Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(token).Status);
        Assert.Equal(ZauthVerifyStatus.Falsified, verifier.Verify(reordered).Status);
        Assert.False((bool)NodeEd25519.Run([NodeEd25519.Verify(pub, reordered)])[0]!["valid"]!);
    }

    [Fact]
    public void NodeSignedToken_InNonCanonicalOrder_VerifiesOverRawBytes()
    {
        // The README's order (c before i): parsing is by key, the signature covers the bytes received.
        var (pub, secret) = NodeEd25519.KeyGen();
        var token = (string)NodeEd25519.Run([NodeEd25519.Sign(secret, $"v=1.k=1.d={Exp}.t=a.l=.u={UserId}.c=42.i=5f3a1c")])[0]!["token"]!;
        var result = new ZauthVerifier(ZauthKeyRing.FromText(null, pub), new FakeTimeProvider(Now)).Verify(token);

        Assert.Equal(ZauthVerifyStatus.Valid, result.Status);
        Assert.Equal(("5f3a1c", 42UL), (result.Token!.Client, result.Token.Connection));
    }
}
