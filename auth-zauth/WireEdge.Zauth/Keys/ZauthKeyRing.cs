using NSec.Cryptography;

namespace WireEdge.Zauth;

/// <summary>
/// The Ed25519 keys: public keys for verification and (optionally) secret keys for signing, both indexed
/// 1-based by their line in the key file. Key files hold one base64url key per line (padding optional,
/// the standard alphabet is accepted too); secret keys are libsodium's 64-byte form (seed ‖ public key).
/// </summary>
public sealed class ZauthKeyRing
{
    private readonly PublicKey[] _publicKeys;
    private readonly Key[] _secretKeys;

    private ZauthKeyRing(Key[] secretKeys, PublicKey[] publicKeys)
    {
        _secretKeys = secretKeys;
        _publicKeys = publicKeys;
    }

    /// <summary>Number of public keys (the highest valid <c>k=</c>).</summary>
    public int PublicKeyCount => _publicKeys.Length;

    /// <summary>Number of secret keys.</summary>
    public int SecretKeyCount => _secretKeys.Length;

    /// <summary>Builds a key ring from key-file texts. Public keys default to those of the secret keys.</summary>
    /// <exception cref="FormatException">A line is not a valid key.</exception>
    public static ZauthKeyRing FromText(string? secretKeys, string? publicKeys)
    {
        var secrets = secretKeys is null ? [] : ParseLines(secretKeys).Select(ParseSecret).ToArray();
        var publics = publicKeys is null
            ? secrets.Select(k => k.PublicKey).ToArray()
            : ParseLines(publicKeys).Select(ParsePublic).ToArray();
        if (publics.Length == 0)
        {
            throw new FormatException("no keys");
        }

        return new ZauthKeyRing(secrets, publics);
    }

    /// <summary>Reads key files (either may be null). Errors name the file.</summary>
    /// <exception cref="IOException">A file cannot be read.</exception>
    /// <exception cref="FormatException">A file holds an invalid key.</exception>
    public static ZauthKeyRing Load(string? secretKeysFile, string? publicKeysFile) =>
        FromText(
            secretKeysFile is null ? null : File.ReadAllText(secretKeysFile),
            publicKeysFile is null ? null : File.ReadAllText(publicKeysFile));

    /// <summary>A fresh key pair as key-file lines: public (32 bytes) and libsodium secret (64 bytes), base64url with padding.</summary>
    public static (string PublicKey, string SecretKey) GenerateKeyPair()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        var pub = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var secret = new byte[64];
        seed.CopyTo(secret, 0);
        pub.CopyTo(secret, 32);
        return (Base64UrlPadded.Encode(pub), Base64UrlPadded.Encode(secret));
    }

    /// <summary>The public key with 1-based index <paramref name="keyIndex"/>, or null.</summary>
    internal PublicKey? PublicKey(int keyIndex) =>
        keyIndex >= 1 && keyIndex <= _publicKeys.Length ? _publicKeys[keyIndex - 1] : null;

    /// <summary>The secret key with 1-based index <paramref name="keyIndex"/>, or null.</summary>
    internal Key? SecretKey(int keyIndex) =>
        keyIndex >= 1 && keyIndex <= _secretKeys.Length ? _secretKeys[keyIndex - 1] : null;

    private static List<(int Line, string Text)> ParseLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var result = new List<(int, string)>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                throw new FormatException($"line {i + 1} is empty (the line number is the key index)");
            }

            result.Add((i + 1, lines[i]));
        }

        return result;
    }

    private static Key ParseSecret((int Line, string Text) line)
    {
        Span<byte> secret = stackalloc byte[64];
        if (!Base64UrlPadded.TryDecodeKey(line.Text, secret))
        {
            throw new FormatException($"line {line.Line}: not a base64url 64-byte Ed25519 secret key");
        }

        var key = Key.Import(SignatureAlgorithm.Ed25519, secret[..32], KeyBlobFormat.RawPrivateKey);
        Span<byte> pub = stackalloc byte[32];
        key.PublicKey.TryExport(KeyBlobFormat.RawPublicKey, pub, out _);
        if (!pub.SequenceEqual(secret[32..]))
        {
            key.Dispose();
            throw new FormatException($"line {line.Line}: the public half of the secret key does not match its seed");
        }

        return key;
    }

    private static PublicKey ParsePublic((int Line, string Text) line)
    {
        Span<byte> pub = stackalloc byte[32];
        if (!Base64UrlPadded.TryDecodeKey(line.Text, pub)
            || !NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, pub, KeyBlobFormat.RawPublicKey, out var key)
            || key is null)
        {
            throw new FormatException($"line {line.Line}: not a base64url 32-byte Ed25519 public key");
        }

        return key;
    }
}
