using System.Net;
using Microsoft.Extensions.Options;
using WireEdge.Edge.Routing;

namespace WireEdge.Edge.Limits;

/// <summary>
/// Applies the route's <c>limit_req</c> zones and the <c>limit_conn</c> limits (per address on
/// unauthenticated routes, per user on zauth routes). Built once from <c>Edge:RateLimits</c>.
/// </summary>
public sealed class RateLimiter
{
    private readonly TimeProvider time;
    private readonly (IPAddress Network, int Prefix)[] exempt;
    private readonly ConcurrencyTable addrConnections = new();
    private readonly ConcurrencyTable userConnections = new();

    public RateLimiter(IOptions<EdgeOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.time = time;
        var o = options.Value.RateLimits;
        Enabled = o.Enabled;
        Status = o.Status;
        ConnectionsPerAddress = o.ConnectionsPerAddress;
        ConnectionsPerUser = o.ConnectionsPerUser;
        var errors = Validate(o);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(EdgeOptions.Section, typeof(RateLimitOptions), errors);
        }

        Zones = BuildZones(o);
        exempt = [.. o.ExemptAddresses.Select(ParseCidr)];
    }

    public bool Enabled { get; }

    public int Status { get; }

    public int ConnectionsPerAddress { get; }

    public int ConnectionsPerUser { get; }

    public IReadOnlyDictionary<string, RateZone> Zones { get; }

    /// <summary>Configuration errors of <c>Edge:RateLimits</c> (empty when valid).</summary>
    public static List<string> Validate(RateLimitOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var errors = new List<string>();
        foreach (var (name, z) in o.Zones)
        {
            if (z.Rate is not null && !RateZone.TryParseRate(z.Rate, out _))
            {
                errors.Add($"Edge:RateLimits:Zones:{name}:Rate: '{z.Rate}' is not a rate like 30r/s or 15r/m");
            }

            if (z.Key is not null && !RateZone.TryParseKey(z.Key, out _))
            {
                errors.Add($"Edge:RateLimits:Zones:{name}:Key: '{z.Key}' is not one of user, addr, addr_uri, user_uri");
            }

            if (z.Burst is < 0)
            {
                errors.Add($"Edge:RateLimits:Zones:{name}:Burst: must be >= 0");
            }

            if (z.Rate is null && !RateZone.Defaults.Any(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"Edge:RateLimits:Zones:{name}: a new zone needs a Rate");
            }
        }

        foreach (var a in o.ExemptAddresses)
        {
            if (!TryParseCidr(a, out _))
            {
                errors.Add($"Edge:RateLimits:ExemptAddresses: '{a}' is not an IP address or CIDR range");
            }
        }

        if (o.Capacity < 16)
        {
            errors.Add("Edge:RateLimits:Capacity: must be >= 16");
        }

        return errors;
    }

    /// <summary>Whether the address is on the exemption list.</summary>
    public bool IsExempt(IPAddress? address)
    {
        if (address is null || exempt.Length == 0)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var (net, prefix) in exempt)
        {
            if (InRange(address, net, prefix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Accounts the request in every zone of the route; 0 = allowed, else seconds to wait (Retry-After).</summary>
    public int CheckRequest(EdgeRoute route, IPAddress? address, Guid user, ReadOnlySpan<char> path)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.Zones.Length == 0)
        {
            return 0;
        }

        var now = (long)time.GetElapsedTime(0).TotalMilliseconds;
        foreach (var zone in route.Zones)
        {
            if (!zone.Enabled)
            {
                continue;
            }

            var key = zone.Key switch
            {
                RateKey.User => KeyHash.Of(user),
                RateKey.Addr => KeyHash.Of(address),
                RateKey.AddrUri => KeyHash.With(KeyHash.Of(address), path),
                _ => KeyHash.With(KeyHash.Of(user), path),
            };
            var wait = zone.Table.TryAcquire(key, now, zone.Rate, zone.Burst);
            if (wait > 0)
            {
                return wait;
            }
        }

        return 0;
    }

    /// <summary>Enters a concurrent request; returns the key to release, or null when over the limit. <paramref name="key"/> is 0 when nothing was counted.</summary>
    public bool TryEnterConnection(bool zauth, IPAddress? address, Guid user, out ulong key)
    {
        key = 0;
        if (zauth)
        {
            if (ConnectionsPerUser <= 0)
            {
                return true;
            }

            var k = KeyHash.Of(user) | 1;
            if (!userConnections.TryEnter(k, ConnectionsPerUser))
            {
                return false;
            }

            key = k;
            return true;
        }

        if (ConnectionsPerAddress <= 0)
        {
            return true;
        }

        var a = KeyHash.Of(address) & ~1UL;
        if (!addrConnections.TryEnter(a, ConnectionsPerAddress))
        {
            return false;
        }

        key = a;
        return true;
    }

    /// <summary>Releases a key returned by <see cref="TryEnterConnection"/>.</summary>
    public void ExitConnection(bool zauth, ulong key)
    {
        (zauth ? userConnections : addrConnections).Exit(key);
    }

    private static Dictionary<string, RateZone> BuildZones(RateLimitOptions o)
    {
        var zones = new Dictionary<string, RateZone>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in RateZone.Defaults)
        {
            o.Zones.TryGetValue(d.Name, out var z);
            zones[d.Name] = Build(d.Name, z, d.Key, d.Rate, d.Burst, o.Capacity);
        }

        foreach (var (name, z) in o.Zones)
        {
            if (!zones.ContainsKey(name))
            {
                zones[name] = Build(name, z, RateKey.AddrUri, z.Rate!, 0, o.Capacity);
            }
        }

        return zones;
    }

    private static RateZone Build(string name, RateZoneOptions? z, RateKey key, string rate, int burst, int capacity)
    {
        RateZone.TryParseRate(z?.Rate ?? rate, out var r);
        var k = z?.Key is { } ks && RateZone.TryParseKey(ks, out var parsed) ? parsed : key;
        return new RateZone(name, k, r, (long)(z?.Burst ?? burst) * 1000, z?.Enabled ?? true, capacity);
    }

    private static (IPAddress, int) ParseCidr(string text) => TryParseCidr(text, out var r) ? r : throw new FormatException(text);

    private static bool TryParseCidr(string text, out (IPAddress Network, int Prefix) range)
    {
        range = default;
        var t = text.Trim();
        var slash = t.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? t : t[..slash], out var ip))
        {
            return false;
        }

        var max = ip.GetAddressBytes().Length * 8;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(t.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix < 0 || prefix > max))
        {
            return false;
        }

        range = (ip, prefix);
        return true;
    }

    private static bool InRange(IPAddress address, IPAddress network, int prefix)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> n = stackalloc byte[16];
        if (!address.TryWriteBytes(a, out var al) || !network.TryWriteBytes(n, out var nl) || al != nl)
        {
            return false;
        }

        var full = prefix / 8;
        if (!a[..full].SequenceEqual(n[..full]))
        {
            return false;
        }

        var rem = prefix % 8;
        if (rem == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rem));
        return (a[full] & mask) == (n[full] & mask);
    }
}
