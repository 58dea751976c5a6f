using System.Globalization;

namespace WireEdge.Edge.Limits;

/// <summary>What a zone counts by (nginx zone key).</summary>
public enum RateKey
{
    /// <summary><c>$zauth_user</c>.</summary>
    User,

    /// <summary><c>$binary_remote_addr</c>.</summary>
    Addr,

    /// <summary><c>$binary_remote_addr$uri</c>.</summary>
    AddrUri,

    /// <summary><c>$zauth_user$uri</c>.</summary>
    UserUri,
}

/// <summary>A compiled <c>limit_req</c> zone with its bucket table.</summary>
public sealed class RateZone
{
    internal RateZone(string name, RateKey key, long rate, long burst, bool enabled, int capacity)
    {
        Name = name;
        Key = key;
        Rate = rate;
        Burst = burst;
        Enabled = enabled;
        Table = new LeakyBucketTable(capacity);
    }

    public string Name { get; }

    public RateKey Key { get; }

    /// <summary>Requests per second × 1000 (nginx keeps the same unit).</summary>
    public long Rate { get; }

    /// <summary>Burst × 1000.</summary>
    public long Burst { get; }

    public bool Enabled { get; }

    public LeakyBucketTable Table { get; }

    /// <summary>The zones nginz defines (FACTS.md §2): name, key, rate, burst.</summary>
    internal static readonly (string Name, RateKey Key, string Rate, int Burst)[] Defaults =
    [
        ("reqs_per_user", RateKey.User, "30r/s", 20),
        ("reqs_per_addr", RateKey.AddrUri, "15r/m", 10),
        ("reqs_per_addr_sso", RateKey.AddrUri, "50r/s", 10),
        ("reqs_per_addr_sso_get_by_email", RateKey.AddrUri, "5r/m", 15),
        ("key_package_claims_per_user", RateKey.User, "3000r/m", 600),
        ("key_package_claims_per_target", RateKey.UserUri, "100r/m", 100),
        ("one2one_conv", RateKey.User, "3000r/m", 1000),
        ("reqs_per_user_signatures", RateKey.User, "10r/m", 10),
    ];

    /// <summary>Parses <c>Nr/s</c> or <c>Nr/m</c> into requests per second × 1000.</summary>
    public static bool TryParseRate(string? text, out long rate)
    {
        rate = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        var perMinute = t.EndsWith("r/m", StringComparison.OrdinalIgnoreCase);
        if (!perMinute && !t.EndsWith("r/s", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!long.TryParse(t.AsSpan(0, t.Length - 3), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 10_000_000)
        {
            return false;
        }

        rate = perMinute ? n * 1000 / 60 : n * 1000;
        return rate > 0;
    }

    public static bool TryParseKey(string? text, out RateKey key)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "user": key = RateKey.User; return true;
            case "addr": key = RateKey.Addr; return true;
            case "addr_uri": key = RateKey.AddrUri; return true;
            case "user_uri": key = RateKey.UserUri; return true;
            default: key = default; return false;
        }
    }
}
