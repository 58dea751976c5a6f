using Microsoft.Extensions.Options;

namespace WireEdge.Zauth;

/// <summary>
/// Loads the key ring (and ACL) once from the configured files, or generates a key pair once into
/// <c>&lt;Wire:DataDirectory&gt;/zauth/{secret,public}.keys</c> when no key file is configured.
/// Failures are kept as messages naming the setting, reported by option validation at start.
/// </summary>
internal sealed class ZauthKeyLoader(string dataDirectory)
{
    private readonly Lock _lock = new();
    private (ZauthKeyRing? Keys, ZauthAcl? Acl, List<string> Errors)? _loaded;

    public static string GeneratedDirectory(string dataDirectory) => Path.Combine(dataDirectory, "zauth");

    public (ZauthKeyRing? Keys, ZauthAcl? Acl, List<string> Errors) Load(ZauthOptions options)
    {
        lock (_lock)
        {
            return _loaded ??= LoadCore(options);
        }
    }

    private (ZauthKeyRing? Keys, ZauthAcl? Acl, List<string> Errors) LoadCore(ZauthOptions options)
    {
        var errors = new List<string>();
        if (options.CacheSize < 0)
        {
            errors.Add($"Zauth:CacheSize: must not be negative (is {options.CacheSize})");
        }

        var acl = ZauthAcl.Default;
        if (options.Acl is { } aclFile)
        {
            acl = null;
            try
            {
                acl = ZauthAcl.Parse(File.ReadAllText(aclFile));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                errors.Add($"Zauth:Acl: cannot read '{aclFile}': {e.Message}");
            }
        }

        string? secretText = null, publicText = null;
        if (options.PrivateKeys is null && options.PublicKeys is null)
        {
            try
            {
                secretText = EnsureGenerated(GeneratedDirectory(dataDirectory));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"Wire:DataDirectory: cannot create zauth keys in '{GeneratedDirectory(dataDirectory)}': {e.Message}");
            }
        }
        else
        {
            secretText = Read("Zauth:PrivateKeys", options.PrivateKeys, errors);
            publicText = Read("Zauth:PublicKeys", options.PublicKeys, errors);
        }

        if (errors.Count > 0)
        {
            return (null, acl, errors);
        }

        ZauthKeyRing? keys = null;
        try
        {
            keys = ZauthKeyRing.FromText(secretText, publicText);
        }
        catch (FormatException)
        {
            // Report against the file that is wrong.
            Check("Zauth:PrivateKeys", options.PrivateKeys, secretText, null, errors);
            Check("Zauth:PublicKeys", options.PublicKeys, null, publicText, errors);
            if (errors.Count == 0)
            {
                errors.Add("Zauth:PrivateKeys: no keys configured");
            }
        }

        if (keys is not null && secretText is not null && keys.SecretKey(options.KeyIndex) is null)
        {
            errors.Add($"Zauth:KeyIndex: there is no secret key {options.KeyIndex} (the key file has {keys.SecretKeyCount})");
        }

        return (errors.Count == 0 ? keys : null, acl, errors);
    }

    private static string? Read(string setting, string? file, List<string> errors)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add($"{setting}: cannot read '{file}': {e.Message}");
            return null;
        }
    }

    private static void Check(string setting, string? file, string? secretText, string? publicText, List<string> errors)
    {
        if (secretText is null && publicText is null)
        {
            return;
        }

        try
        {
            _ = ZauthKeyRing.FromText(secretText, publicText);
        }
        catch (FormatException e)
        {
            errors.Add($"{setting}: invalid key file '{file}': {e.Message}");
        }
    }

    /// <summary>Returns the generated secret-key file's text, creating it (atomically) if needed.</summary>
    private static string EnsureGenerated(string directory)
    {
        Directory.CreateDirectory(directory);
        var secretFile = Path.Combine(directory, "secret.keys");
        if (!File.Exists(secretFile))
        {
            var (pub, secret) = ZauthKeyRing.GenerateKeyPair();
            var temp = Path.Combine(directory, $".secret.keys.{Guid.NewGuid():N}");
            File.WriteAllText(temp, secret + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temp, secretFile, overwrite: false);
                File.WriteAllText(Path.Combine(directory, "public.keys"), pub + "\n");
            }
            catch (IOException) when (File.Exists(secretFile))
            {
                File.Delete(temp); // another process won the race; use its key
            }
        }

        return File.ReadAllText(secretFile);
    }
}

/// <summary>Validates the <c>Zauth</c> options by loading the keys; failures name the setting.</summary>
internal sealed class ZauthOptionsValidator(ZauthKeyLoader loader) : IValidateOptions<ZauthOptions>
{
    public ValidateOptionsResult Validate(string? name, ZauthOptions options)
    {
        var (_, _, errors) = loader.Load(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
