using System.Text;
using BenchmarkDotNet.Attributes;
using NSec.Cryptography;
using WireEdge.Zauth;

namespace WireEdge.Benchmarks.Zauth;

/// <summary>
/// zauth token hot paths. The baseline is NSec's Ed25519 verify over the same bytes: uncached verification
/// should be close to it (parsing is noise next to the signature check); cached verification must not allocate.
/// </summary>
[MemoryDiagnoser]
public class ZauthTokenBenchmarks
{
    private ZauthSigner _signer = null!;
    private ZauthVerifier _uncached = null!;
    private ZauthVerifier _cached = null!;
    private string _token = null!;
    private PublicKey _publicKey = null!;
    private byte[] _signedBytes = null!;
    private byte[] _signature = null!;
    private Guid _user;

    [GlobalSetup]
    public void Setup()
    {
        var (pub, secret) = ZauthKeyRing.GenerateKeyPair();
        var keys = ZauthKeyRing.FromText(secret, pub);
        _signer = new ZauthSigner(keys);
        _uncached = new ZauthVerifier(keys, TimeProvider.System, cacheSize: 0);
        _cached = new ZauthVerifier(keys, TimeProvider.System);
        _user = Guid.NewGuid();
        _token = _signer.CreateAccess(_user, "5f3a1c9b2e4d", 1234567890123UL, DateTimeOffset.UtcNow.AddDays(1));
        if (_cached.Verify(_token).Status != ZauthVerifyStatus.Valid)
        {
            throw new InvalidOperationException("setup token does not verify");
        }

        var raw = Convert.FromBase64String(pub.Replace('-', '+').Replace('_', '/'));
        _publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey);
        _signedBytes = Encoding.ASCII.GetBytes(_token[89..]);
        _signature = Convert.FromBase64String(_token[..88].Replace('-', '+').Replace('_', '/'));
    }

    [Benchmark(Baseline = true)]
    public bool RawNSecVerify() => SignatureAlgorithm.Ed25519.Verify(_publicKey, _signedBytes, _signature);

    [Benchmark]
    public ZauthVerifyStatus VerifyUncached() => _uncached.Verify(_token).Status;

    [Benchmark]
    public ZauthVerifyStatus VerifyCached() => _cached.Verify(_token).Status;

    [Benchmark]
    public bool Parse() => ZauthTokenParser.TryParse(_token, out _);

    [Benchmark]
    public string CreateAccess() => _signer.CreateAccess(_user, "5f3a1c9b2e4d", 1234567890123UL, DateTimeOffset.UnixEpoch.AddYears(60));
}
