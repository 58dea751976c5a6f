using Xunit.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace WireEdge.Zauth.Tests.Verification;

/// <summary>100,000 mutated tokens: every one is rejected, none throws.</summary>
public sealed class MutationPropertyTests(ITestOutputHelper output)
{
    private const int Mutations = 100_000;
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private const string BadBase64 = "+/*= \t\u00e9\0.";
    private static readonly string[] WrongKeys = ["k=2", "k=3", "k=0", "k=-1", "k=01", "k=", "k=99999999999", "k=1 ", "k=x"];
    private static readonly string[] WrongTypes = ["t=u", "t=b", "t=p", "t=la", "t=lu", "t=x", "t=", "t=A", "t=aa"];

    [Fact]
    public void Verify_MutatedTokens_AreAllRejectedWithoutThrowing()
    {
        var (_, secrets) = TestKeys.Generate(2);
        var keys = ZauthKeyRing.FromText(secrets, null);
        var signer = new ZauthSigner(keys);
        var verifier = new ZauthVerifier(keys, new FakeTimeProvider(Now), cacheSize: 1024);
        var expires = Now.AddMinutes(15);
        string[] originals =
        [
            signer.CreateAccess(Guid.NewGuid(), "5f3a1c", 1234567, expires),
            signer.CreateAccess(Guid.NewGuid(), null, 1, expires),
            signer.CreateUser(Guid.NewGuid(), 0xdeadbeef, "ab", false, expires),
            signer.CreateUser(Guid.NewGuid(), 7, null, true, expires),
            signer.CreateBot(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()),
            signer.CreateProvider(Guid.NewGuid(), expires),
            signer.CreateLegalHoldAccess(Guid.NewGuid(), null, 9, expires),
            signer.CreateLegalHoldUser(Guid.NewGuid(), 9, null, expires),
        ];
        Assert.All(originals, t => Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(t).Status)); // and now cached

        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var counts = new int[8];
        var statuses = new int[4];
        Parallel.For(0, Environment.ProcessorCount, worker =>
        {
            var random = new Random(1000 + worker);
            for (var n = worker; n < Mutations; n += Environment.ProcessorCount)
            {
                var original = originals[random.Next(originals.Length)];
                var kind = n % counts.Length;
                var mutated = Mutate(original, kind, random);
                while (mutated == original)
                {
                    mutated = Mutate(original, kind, random); // e.g. "t=u" drawn for a user token
                }

                Interlocked.Increment(ref counts[kind]);
                try
                {
                    var status = (n & 1) == 0 ? verifier.Verify(mutated).Status : verifier.Verify(mutated.AsSpan()).Status;
                    Interlocked.Increment(ref statuses[(int)status]);
                    if (status == ZauthVerifyStatus.Valid)
                    {
                        failures.Add($"accepted ({kind}): {mutated}");
                    }
                }
                catch (Exception e)
                {
                    failures.Add($"threw ({kind}) {e.GetType().Name}: {mutated}");
                }
            }
        });

        output.WriteLine($"cpu {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s");
        output.WriteLine($"per kind: {string.Join(", ", counts)}; outcomes: {string.Join(", ", Enum.GetValues<ZauthVerifyStatus>().Select(s => $"{s} {statuses[(int)s]}"))}");
        Assert.Empty(failures);
        Assert.Equal(Mutations, counts.Sum());
        Assert.All(counts, c => Assert.True(c > Mutations / counts.Length / 2));
        Assert.All(originals, t => Assert.Equal(ZauthVerifyStatus.Valid, verifier.Verify(t).Status));
    }

    private static string Mutate(string token, int kind, Random random)
    {
        switch (kind)
        {
            case 0: // one bit flip, anywhere, up to bit 15 (so also non-ASCII chars)
            {
                var chars = token.ToCharArray();
                var i = random.Next(chars.Length);
                chars[i] = (char)(chars[i] ^ (1 << random.Next(random.Next(4) == 0 ? 16 : 7)));
                return new string(chars);
            }

            case 1: // truncation
                return token[..random.Next(token.Length)];
            case 2: // wrong key index
                return ReplaceField(token, "k=1", WrongKeys[random.Next(WrongKeys.Length)]);
            case 3: // wrong type
                return ReplaceField(token, "t=" + TypeOf(token), WrongTypes[random.Next(WrongTypes.Length)]);
            case 4: // duplicate a field (same or other value), or a header field
            {
                var fields = token[89..].Split('.');
                var field = fields[random.Next(fields.Length)];
                var copy = random.Next(2) == 0 ? field : field[..(field.IndexOf('=', StringComparison.Ordinal) + 1)] + "1";
                var at = random.Next(fields.Length + 1);
                var list = fields.ToList();
                list.Insert(at, copy);
                return token[..89] + string.Join('.', list);
            }

            case 5: // 8 KiB of garbage: alone, appended, or behind a valid-looking signature
            {
                var garbage = new char[8192];
                random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(garbage.AsSpan()));
                for (var i = random.Next(3); i < garbage.Length; i += 3)
                {
                    garbage[i] = (char)(0x20 + garbage[i] % 95); // a third printable ASCII, the rest any UTF-16 unit
                }

                return random.Next(3) switch
                {
                    0 => new string(garbage),
                    1 => token + new string(garbage),
                    _ => token[..89] + new string(garbage),
                };
            }

            case 6: // bad base64 in the signature
            {
                var chars = token.ToCharArray();
                switch (random.Next(4))
                {
                    case 0:
                        chars[random.Next(88)] = BadBase64[random.Next(BadBase64.Length)];
                        return new string(chars);
                    case 1:
                        return token[..86] + token[88..]; // padding removed
                    case 2:
                        chars[86] = 'A'; // padding replaced by data
                        chars[87] = 'A';
                        return new string(chars);
                    default:
                        chars[85] = Base64Char((Base64Value(chars[85]) & ~0x0F) | (1 + random.Next(15))); // non-zero unused bits
                        return new string(chars);
                }
            }

            default: // several random flips and insertions
            {
                var chars = token.ToList();
                for (var m = 1 + random.Next(4); m > 0; m--)
                {
                    var i = random.Next(chars.Count);
                    if (random.Next(2) == 0)
                    {
                        chars[i] = (char)(chars[i] ^ (1 + random.Next(127)));
                    }
                    else
                    {
                        chars.Insert(i, (char)random.Next(0x20, 0x7f));
                    }
                }

                return new string([.. chars]);
            }
        }
    }

    private static string TypeOf(string token) =>
        token.Split('.').First(f => f.StartsWith("t=", StringComparison.Ordinal))[2..];

    private static string ReplaceField(string token, string field, string replacement)
    {
        var at = token.IndexOf("." + field + ".", 88, StringComparison.Ordinal);
        return token[..(at + 1)] + replacement + token[(at + 1 + field.Length)..];
    }

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static int Base64Value(char c) => Alphabet.IndexOf(c, StringComparison.Ordinal);

    private static char Base64Char(int v) => Alphabet[v];
}
