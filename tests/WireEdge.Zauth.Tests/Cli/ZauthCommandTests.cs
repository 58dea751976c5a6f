using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WireEdge.Zauth.Cli;

namespace WireEdge.Zauth.Tests.Cli;

/// <summary>The operator command, run in-process through its entry method (and once as a process).</summary>
public sealed class ZauthCommandTests : IDisposable
{
    private const string User = "4ee8e8b4-2d0f-4c9e-a8cf-6ab0e3c5f7a1";
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zauth-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(Now);

    public ZauthCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ZauthCommand.Run(args, output, error, _time);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs keygen <paramref name="count"/> times and writes the key files; returns their paths.</summary>
    private (string Public, string Secret) KeyFiles(int count)
    {
        var pubs = new List<string>();
        var secrets = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (code, output, _) = Run("keygen");
            Assert.Equal(0, code);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            pubs.Add(lines.Single(l => l.StartsWith("public: ", StringComparison.Ordinal))[8..]);
            secrets.Add(lines.Single(l => l.StartsWith("secret: ", StringComparison.Ordinal))[8..]);
        }

        var (p, s) = (Path.Combine(_dir, "public.keys"), Path.Combine(_dir, "secret.keys"));
        File.WriteAllLines(p, pubs);
        File.WriteAllLines(s, secrets);
        return (p, s);
    }

    [Fact]
    public void Keygen_PrintsPublicAndLibsodiumSecretLines()
    {
        var (code, output, _) = Run("keygen");
        var lines = output.TrimEnd().Split('\n');

        Assert.Equal(0, code);
        Assert.Equal(2, lines.Length);
        Assert.Matches("^public: [A-Za-z0-9_-]{43}=$", lines[0]);
        Assert.Matches("^secret: [A-Za-z0-9_-]{86}==$", lines[1]);
        var secret = Convert.FromBase64String(lines[1][8..].Replace('-', '+').Replace('_', '/'));
        var pub = Convert.FromBase64String(lines[0][8..].Replace('-', '+').Replace('_', '/'));
        Assert.Equal(pub, secret[32..]);
    }

    [Fact]
    public void CreateThenVerify_Access_PrintsClaimsAsJsonAndExits0()
    {
        var (pub, secret) = KeyFiles(1);
        var (code, token, _) = Run("create", "--secret-keys", secret, "--type", "access", "--user", User, "--client", "5F3A1C", "--connection", "42", "--ttl", "60");
        Assert.Equal(0, code);

        var (vcode, json, _) = Run("verify", "--public-keys", pub, token.Trim());

        Assert.Equal(0, vcode);
        Assert.Equal(
            $$"""{"valid":true,"type":"access","user":"{{User}}","client":"5f3a1c","connection":42,"expires":{{Now.ToUnixTimeSeconds() + 60}},"key_index":1}""",
            json.Trim());
    }

    [Fact]
    public void Verify_AfterTtl_Exits1WithReasonExpired()
    {
        var (pub, secret) = KeyFiles(1);
        var token = Run("create", "--secret-keys", secret, "--type", "access", "--user", User, "--ttl", "10").Out.Trim();

        _time.Advance(TimeSpan.FromSeconds(11));
        var (code, json, _) = Run("verify", "--public-keys", pub, token);

        Assert.Equal(1, code);
        Assert.Equal("""{"valid":false,"reason":"expired"}""", json.Trim());
    }

    [Theory]
    [InlineData("tamper", "falsified")]
    [InlineData("garbage", "invalid")]
    public void Verify_BadToken_Exits1WithReason(string how, string reason)
    {
        var (pub, secret) = KeyFiles(1);
        var token = Run("create", "--secret-keys", secret, "--type", "provider", "--provider", User).Out.Trim();
        var bad = how == "tamper" ? token.Replace(".t=p.", ".t=p.", StringComparison.Ordinal)[..^1] + (token[^1] == '1' ? "2" : "1") : "not.a.token";

        var (code, json, _) = Run("verify", "--public-keys", pub, bad);

        Assert.Equal(1, code);
        Assert.Equal($$"""{"valid":false,"reason":"{{reason}}"}""", json.Trim());
    }

    [Fact]
    public void Create_WithKeyIndex2_SignsWithSecondKey()
    {
        var (pub, secret) = KeyFiles(2);
        var token = Run("create", "--secret-keys", secret, "--key-index", "2", "--type", "user", "--user", User, "--random", "ab12", "--session").Out.Trim();

        Assert.Contains(".k=2.", token, StringComparison.Ordinal);
        Assert.EndsWith($".t=u.l=s.u={User}.r=ab12", token, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(Run("verify", "--public-keys", pub, token).Out);
        Assert.Equal("user", doc.RootElement.GetProperty("type").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("key_index").GetInt32());
        Assert.True(doc.RootElement.GetProperty("session").GetBoolean());
        Assert.Equal(Now.ToUnixTimeSeconds() + 86_400, doc.RootElement.GetProperty("expires").GetInt64());
    }

    [Theory]
    [InlineData("bot", "bot", "\"expires\":-1")]
    [InlineData("provider", "provider", "\"provider\":")]
    [InlineData("legalhold-access", "legalhold-access", "\"connection\":")]
    [InlineData("legalhold-user", "legalhold-user", "\"random\":")]
    public void Create_OtherTypes_VerifyWithTheirType(string type, string expectedType, string expectedFragment)
    {
        var (pub, secret) = KeyFiles(1);
        var token = Run("create", "--secret-keys", secret, "--type", type, "--user", User, "--provider", User, "--bot", User, "--conversation", User).Out.Trim();

        var (code, json, _) = Run("verify", "--public-keys", pub, token);

        Assert.Equal(0, code);
        Assert.Contains($"\"type\":\"{expectedType}\"", json, StringComparison.Ordinal);
        Assert.Contains(expectedFragment, json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("create --type access --user " + User)]
    [InlineData("create --secret-keys SECRET --type access --user nope")]
    [InlineData("create --secret-keys SECRET --type teapot --user " + User)]
    [InlineData("create --secret-keys SECRET --type access --user " + User + " --key-index 5")]
    [InlineData("create --secret-keys SECRET --type access --user " + User + " --client xyz")]
    [InlineData("create --secret-keys /nonexistent/keys --type access --user " + User)]
    [InlineData("verify --public-keys SECRET")]
    [InlineData("verify --bogus x token")]
    public void WrongUsage_Exits2WithMessage(string commandLine)
    {
        var (_, secret) = KeyFiles(1);
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (code, output, error) = Run([.. args.Select(a => a == "SECRET" ? secret : a)]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("zauth: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltCommand_RunsAsProcess()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "zauth.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, "keygen"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(30_000));

        Assert.Equal(0, process.ExitCode);
        Assert.StartsWith("public: ", output, StringComparison.Ordinal);
        Assert.Contains("\nsecret: ", output, StringComparison.Ordinal);
    }
}
