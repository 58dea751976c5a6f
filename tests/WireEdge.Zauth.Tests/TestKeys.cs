namespace WireEdge.Zauth.Tests;

/// <summary>Fresh key rings for tests.</summary>
internal static class TestKeys
{
    public static (string PublicKeys, string SecretKeys) Generate(int count)
    {
        var pubs = new List<string>();
        var secrets = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (pub, secret) = ZauthKeyRing.GenerateKeyPair();
            pubs.Add(pub);
            secrets.Add(secret);
        }

        return (string.Join('\n', pubs) + "\n", string.Join('\n', secrets) + "\n");
    }

    public static ZauthKeyRing Ring(int count = 1)
    {
        var (_, secrets) = Generate(count);
        return ZauthKeyRing.FromText(secrets, null);
    }
}
