namespace WireEdge.Edge;

/// <summary>Configuration section <c>Edge</c>.</summary>
public sealed class EdgeOptions
{
    public const string Section = "Edge";

    /// <summary>Route table file (JSON); empty = <c>edge-routes.json</c> next to the binary (embedded copy as fallback). Reloaded on change.</summary>
    public string? RoutesFile { get; set; }

    /// <summary>Domain of the web apps for CORS (<c>https://{webapp,teams,account}.&lt;domain&gt;</c>); defaults to <c>Wire:Domain</c>.</summary>
    public string? ExternalDomain { get; set; }

    /// <summary>Further origins allowed by CORS (exact, e.g. <c>https://app.example.com</c>).</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>
    /// Upstream base URLs per service, comma-separated (<c>Edge:Upstreams:brig=http://10.0.0.1:8085,http://10.0.0.2:8085</c>);
    /// a service without an entry falls back to <c>Peers:&lt;service&gt;</c>. Services loaded in this process are called directly.
    /// </summary>
    public Dictionary<string, string> Upstreams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Seconds a destination is skipped after a connect failure (passive health).</summary>
    public int UnhealthySeconds { get; set; } = 10;

    /// <summary>Upstream connect timeout in seconds (nginz: 5).</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Upstream response timeout in seconds for ordinary routes (websockets: one hour idle).</summary>
    public int ResponseTimeoutSeconds { get; set; } = 60;

    /// <summary>Use the built-in HTTP/1.1 forwarder for requests without chunked bodies (false = always YARP).</summary>
    public bool LeanForwarding { get; set; } = true;

    /// <summary>
    /// Run request processing inline on Kestrel's socket threads (<c>SocketTransportOptions.UnsafePreferInlineScheduling</c>).
    /// Faster for an edge-only process whose work is all asynchronous; off by default because in-process
    /// services may block. Read once at start.
    /// </summary>
    public bool InlineScheduling { get; set; }

    /// <summary>Rate limits (<c>Edge:RateLimits</c>).</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>OAuth fallback (<c>Edge:OAuth</c>); off unless a key is configured.</summary>
    public OAuthOptions OAuth { get; set; } = new();
}

/// <summary>Section <c>Edge:OAuth</c>: the Ed25519 public key OAuth access tokens (JWT) are signed with (nginz <c>oauth_pub_key</c>).</summary>
public sealed class OAuthOptions
{
    /// <summary>The key as JWK JSON (<c>{"kty":"OKP","crv":"Ed25519","x":"..."}</c>).</summary>
    public string? Jwk { get; set; }

    /// <summary>A file holding the JWK (used when <see cref="Jwk"/> is empty).</summary>
    public string? JwkFile { get; set; }
}

/// <summary>Section <c>Edge:RateLimits</c>: nginx <c>limit_req</c>/<c>limit_conn</c> equivalents.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Master switch; test hosts that send everything from 127.0.0.1 turn it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>HTTP status for throttled requests (nginz: 420).</summary>
    public int Status { get; set; } = 420;

    /// <summary>Client addresses (IP or CIDR) never limited.</summary>
    public string[] ExemptAddresses { get; set; } = [];

    /// <summary>Maximum keys tracked per zone; idle buckets are evicted first, then the oldest.</summary>
    public int Capacity { get; set; } = 65536;

    /// <summary>Concurrent requests per client address on unauthenticated routes (nginz <c>conns_per_addr</c>); 0 = off.</summary>
    public int ConnectionsPerAddress { get; set; } = 20;

    /// <summary>Concurrent requests per user on zauth routes (nginz <c>conns_per_user</c>); 0 = off.</summary>
    public int ConnectionsPerUser { get; set; } = 75;

    /// <summary>Zone overrides by name (<c>Edge:RateLimits:Zones:reqs_per_user:Rate=30r/s</c>, <c>:Burst</c>, <c>:Key</c>, <c>:Enabled</c>).</summary>
    public Dictionary<string, RateZoneOptions> Zones { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One <c>limit_req</c> zone; unset members keep the built-in default of the zone.</summary>
public sealed class RateZoneOptions
{
    /// <summary><c>Nr/s</c> or <c>Nr/m</c>.</summary>
    public string? Rate { get; set; }

    public int? Burst { get; set; }

    /// <summary><c>user</c>, <c>addr</c>, <c>addr_uri</c> or <c>user_uri</c>.</summary>
    public string? Key { get; set; }

    public bool? Enabled { get; set; }
}
