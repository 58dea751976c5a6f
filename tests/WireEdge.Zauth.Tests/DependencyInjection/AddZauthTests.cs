using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WireEdge.Zauth.Tests.DependencyInjection;

public sealed class AddZauthTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zauth-tests", Guid.NewGuid().ToString("N"));

    public AddZauthTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Wire:DataDirectory", _dir);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddZauth(configuration);
        services.AddZauth(configuration); // idempotent
        return services.BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public void AddZauth_NoKeyFiles_GeneratesKeysOnceIntoDataDirectory()
    {
        string token;
        using (var sp = Build([]))
        {
            token = sp.GetRequiredService<ZauthSigner>().CreateAccess(Guid.NewGuid(), null, 1, DateTimeOffset.UtcNow.AddMinutes(5));
            Assert.Equal(ZauthVerifyStatus.Valid, sp.GetRequiredService<ZauthVerifier>().Verify(token).Status);
        }

        Assert.True(File.Exists(Path.Combine(_dir, "zauth", "secret.keys")));
        Assert.True(File.Exists(Path.Combine(_dir, "zauth", "public.keys")));

        using var again = Build([]);
        Assert.Equal(ZauthVerifyStatus.Valid, again.GetRequiredService<ZauthVerifier>().Verify(token).Status);
    }

    [Fact]
    public void AddZauth_RegistersOneOfEachService()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Wire:DataDirectory"] = _dir }).Build();
        var services = new ServiceCollection();
        services.AddZauth(configuration);
        services.AddZauth(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(ZauthVerifier));
        Assert.Single(services, d => d.ServiceType == typeof(ZauthSigner));
        Assert.Single(services, d => d.ServiceType == typeof(ZauthAcl));
    }

    [Fact]
    public void AddZauth_ConfiguredKeyFiles_SignsWithKeyIndexAndVerifiesBoth()
    {
        var (pubs, secrets) = TestKeys.Generate(2);
        File.WriteAllText(Path.Combine(_dir, "s.keys"), secrets);
        File.WriteAllText(Path.Combine(_dir, "p.keys"), pubs);
        using var sp = Build(new()
        {
            ["Zauth:PrivateKeys"] = Path.Combine(_dir, "s.keys"),
            ["Zauth:PublicKeys"] = Path.Combine(_dir, "p.keys"),
            ["Zauth:KeyIndex"] = "2",
        });

        var token = sp.GetRequiredService<ZauthSigner>().CreateAccess(Guid.NewGuid(), null, 1, DateTimeOffset.UtcNow.AddMinutes(5));
        var result = sp.GetRequiredService<ZauthVerifier>().Verify(token);

        Assert.Equal(ZauthVerifyStatus.Valid, result.Status);
        Assert.Equal(2, result.Token!.KeyIndex);
        Assert.False(Directory.Exists(Path.Combine(_dir, "zauth")));
    }

    [Fact]
    public void AddZauth_OnlyPublicKeys_RegistersNoSigner()
    {
        var (pubs, _) = TestKeys.Generate(1);
        File.WriteAllText(Path.Combine(_dir, "p.keys"), pubs);
        using var sp = Build(new() { ["Zauth:PublicKeys"] = Path.Combine(_dir, "p.keys") });

        Assert.Null(sp.GetService<ZauthSigner>());
        Assert.NotNull(sp.GetRequiredService<ZauthVerifier>());
    }

    [Fact]
    public void AddZauth_MissingPublicKeyFile_FailsNamingTheSetting()
    {
        var missing = Path.Combine(_dir, "nope.keys");
        using var sp = Build(new() { ["Zauth:PublicKeys"] = missing });

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<ZauthVerifier>());
        Assert.Contains($"Zauth:PublicKeys: cannot read '{missing}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddZauth_GarbageSecretKeyFile_FailsNamingTheSetting()
    {
        File.WriteAllText(Path.Combine(_dir, "s.keys"), "not-a-key\n");
        using var sp = Build(new() { ["Zauth:PrivateKeys"] = Path.Combine(_dir, "s.keys") });

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<ZauthSigner>());
        Assert.Contains("Zauth:PrivateKeys", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddZauth_KeyIndexBeyondSecretKeys_FailsNamingTheSetting()
    {
        var (_, secrets) = TestKeys.Generate(1);
        File.WriteAllText(Path.Combine(_dir, "s.keys"), secrets);
        using var sp = Build(new() { ["Zauth:PrivateKeys"] = Path.Combine(_dir, "s.keys"), ["Zauth:KeyIndex"] = "3" });

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<ZauthVerifier>());
        Assert.Contains("Zauth:KeyIndex", e.Message, StringComparison.Ordinal);
    }
}
