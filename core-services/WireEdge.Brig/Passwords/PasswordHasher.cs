using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NSec.Cryptography;
using WireEdge.Brig.Configuration;

namespace WireEdge.Brig.Passwords;

/// <summary>
/// Argon2id password hashing (libsodium through NSec). Hashes are stored in the PHC string format
/// libsodium's <c>crypto_pwhash_str</c> uses (<c>$argon2id$v=19$m=..,t=..,p=1$salt$hash</c>), so the
/// salt and cost travel with each hash and parameters can change without invalidating old ones.
/// At most <see cref="Argon2Settings.EffectiveConcurrency"/> hashes run at once; callers beyond
/// that wait (up to the queue timeout), so a login storm cannot starve the rest of the API of CPU.
/// </summary>
public sealed class PasswordHasher : IDisposable
{
    private const int SaltSize = 16;
    private const int HashSize = 32;
    private readonly SemaphoreSlim slots;
    private int peakRunning;
    private readonly Argon2Settings settings;
    private readonly PasswordBasedKeyDerivationAlgorithm current;
    private readonly string dummyHash;

    public PasswordHasher(IOptions<BrigOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        settings = options.Value.Argon2;
        slots = new SemaphoreSlim(settings.EffectiveConcurrency, settings.EffectiveConcurrency);
        current = Algorithm(settings.MemoryKiB, settings.Passes);
        dummyHash = Compute("wireedge-dummy-password", settings.MemoryKiB, settings.Passes);
    }

    /// <summary>Hashes currently running (for tests and metrics).</summary>
    public int Running => settings.EffectiveConcurrency - slots.CurrentCount;

    /// <summary>The most hashes that ever ran at once (recorded on entry, so it never misses a peak).</summary>
    public int PeakRunning => Volatile.Read(ref peakRunning);

    /// <summary>Hashes a new password (bounded concurrency).</summary>
    public async Task<string> HashAsync(string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Compute(password, settings.MemoryKiB, settings.Passes);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// Checks <paramref name="password"/> against a stored hash; a null or unreadable hash is checked
    /// against a dummy so that unknown users cost as much as known ones, and then fails.
    /// </summary>
    public async Task<bool> VerifyAsync(string password, string? stored, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (stored is null || !TryParse(stored, out var m, out var t, out var salt, out var expected))
            {
                TryParse(dummyHash, out m, out t, out salt, out expected);
                Derive(password, m, t, salt);
                return false;
            }

            var actual = Derive(password, m, t, salt);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Whether a stored hash uses other parameters than the configured ones (rehash on next login).</summary>
    public bool NeedsRehash(string stored)
        => !TryParse(stored, out var m, out var t, out _, out _) || m != settings.MemoryKiB || t != settings.Passes;

    public void Dispose() => slots.Dispose();

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (!await slots.WaitAsync(TimeSpan.FromSeconds(settings.QueueTimeoutSeconds), cancellationToken).ConfigureAwait(false))
        {
            throw new PasswordHasherBusyException();
        }

        var now = Running;
        int seen;
        while (now > (seen = Volatile.Read(ref peakRunning)) && Interlocked.CompareExchange(ref peakRunning, now, seen) != seen)
        {
        }
    }

    private string Compute(string password, int memoryKiB, int passes)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Derive(password, memoryKiB, passes, salt);
        return string.Create(CultureInfo.InvariantCulture, $"$argon2id$v=19$m={memoryKiB},t={passes},p=1${B64(salt)}${B64(hash)}");
    }

    private byte[] Derive(string password, int memoryKiB, int passes, byte[] salt)
    {
        var algorithm = memoryKiB == settings.MemoryKiB && passes == settings.Passes ? current : Algorithm(memoryKiB, passes);
        return algorithm.DeriveBytes(password, salt, HashSize);
    }

    private static PasswordBasedKeyDerivationAlgorithm Algorithm(int memoryKiB, int passes)
    {
        var p = new Argon2Parameters { DegreeOfParallelism = 1, MemorySize = memoryKiB, NumberOfPasses = passes };
        return PasswordBasedKeyDerivationAlgorithm.Argon2id(in p);
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    internal static bool TryParse(string stored, out int memoryKiB, out int passes, out byte[] salt, out byte[] hash)
    {
        memoryKiB = 0;
        passes = 0;
        salt = [];
        hash = [];
        var parts = stored.Split('$');
        if (parts.Length != 6 || parts[0].Length != 0 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        foreach (var kv in parts[3].Split(','))
        {
            var eq = kv.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0 || !int.TryParse(kv.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                return false;
            }

            switch (kv[..eq])
            {
                case "m":
                    memoryKiB = v;
                    break;
                case "t":
                    passes = v;
                    break;
                case "p" when v == 1:
                    break;
                default:
                    return false;
            }
        }

        if (memoryKiB < 8 || passes < 1 || !TryB64(parts[4], out salt) || salt.Length != SaltSize || !TryB64(parts[5], out hash) || hash.Length == 0)
        {
            return false;
        }

        return true;
    }

    private static bool TryB64(string text, out byte[] bytes)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var n))
        {
            bytes = bytes[..n];
            return true;
        }

        bytes = [];
        return false;
    }
}

/// <summary>No hashing slot became free within the queue timeout (answered 503).</summary>
public sealed class PasswordHasherBusyException : Exception
{
    public PasswordHasherBusyException()
        : base("password hashing is saturated")
    {
    }

    public PasswordHasherBusyException(string message)
        : base(message)
    {
    }

    public PasswordHasherBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
