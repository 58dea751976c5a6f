using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WireEdge.Hosting.Modules;

namespace WireEdge.Edge.Forwarding;

/// <summary>
/// Where each upstream service is: in this process (the route calls the next middleware) or at the
/// addresses of <c>Edge:Upstreams:&lt;service&gt;</c> (comma-separated), else <c>Peers:&lt;service&gt;</c>.
/// </summary>
public sealed class Upstreams
{
    private readonly HashSet<string> local;
    private readonly Dictionary<string, UpstreamCluster> clusters = new(StringComparer.OrdinalIgnoreCase);

    public Upstreams(IOptions<EdgeOptions> options, IConfiguration configuration, IReadOnlyList<IServiceModule> modules)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(modules);
        local = new HashSet<string>(modules.Select(m => m.Name), StringComparer.OrdinalIgnoreCase);
        var o = options.Value;
        var errors = new List<string>();
        var names = new HashSet<string>(Routing.RouteTableCompiler.KnownUpstreams, StringComparer.OrdinalIgnoreCase);
        foreach (var k in o.Upstreams.Keys)
        {
            names.Add(k);
        }

        foreach (var name in names)
        {
            var (setting, text) = o.Upstreams.TryGetValue(name, out var e) && !string.IsNullOrWhiteSpace(e)
                ? ($"Edge:Upstreams:{name}", e)
                : ($"Peers:{name}", configuration[$"Peers:{name}"]);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var dests = new List<Destination>();
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Uri.TryCreate(part, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    dests.Add(new Destination(uri, TimeSpan.FromSeconds(Math.Max(1, o.UnhealthySeconds))));
                }
                else
                {
                    errors.Add($"{setting}: '{part}' is not an absolute http(s) URL");
                }
            }

            if (dests.Count > 0)
            {
                clusters[name] = new UpstreamCluster(name, [.. dests]);
            }
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(EdgeOptions.Section, typeof(EdgeOptions), errors);
        }
    }

    /// <summary>Whether the service's module runs in this process.</summary>
    public bool IsLocal(string service) => local.Contains(service);

    /// <summary>The remote addresses of a service, or null when none is configured.</summary>
    public UpstreamCluster? Cluster(string service) => clusters.GetValueOrDefault(service);
}

/// <summary>
/// The destinations of one service, chosen like nginx <c>least_conn</c>: the healthy destination with the fewest
/// requests in flight through this edge; ties go round robin. The caller brackets each request with
/// <see cref="Destination.Enter"/> / <see cref="Destination.Exit"/> (counted only when there is a choice).
/// </summary>
public sealed class UpstreamCluster
{
    private readonly Destination[] destinations;
    private int next = -1;

    public UpstreamCluster(string name, Destination[] destinations)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        Name = name;
        this.destinations = destinations;
        Destinations = destinations;
        if (destinations.Length > 1)
        {
            foreach (var d in destinations)
            {
                d.Counted = true;
            }
        }
    }

    public string Name { get; }

    public IReadOnlyList<Destination> Destinations { get; }

    /// <summary>The healthy destination with the fewest requests in flight (any destination when all are marked down).</summary>
    public Destination Pick()
    {
        var n = destinations.Length;
        if (n == 1)
        {
            return destinations[0];
        }

        var start = (int)((uint)Interlocked.Increment(ref next) % (uint)n);
        Destination? best = null;
        var least = int.MaxValue;
        for (var i = 0; i < n; i++)
        {
            var d = destinations[(start + i) % n];
            if (d.IsHealthy && d.InFlight < least)
            {
                best = d;
                least = d.InFlight;
            }
        }

        return best ?? destinations[start];
    }

    /// <summary>Leaves <paramref name="failed"/> (connect failure) for another pick, moving the in-flight count along.</summary>
    public Destination Repick(Destination failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        failed.Exit();
        var d = Pick();
        d.Enter();
        return d;
    }
}

/// <summary>One upstream address with its connection pool and passive health state.</summary>
public sealed class Destination
{
    private readonly long downTicks;
    private long downUntil;
    private int inFlight;

    internal Destination(Uri uri, TimeSpan down)
    {
        Uri = uri;
        Prefix = uri.GetLeftPart(UriPartial.Authority) + uri.AbsolutePath.TrimEnd('/');
        HostHeader = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        HostLine = Encoding.ASCII.GetBytes($"Host: {HostHeader}\r\n");
        IsPlainHttp = uri.Scheme == Uri.UriSchemeHttp && uri.AbsolutePath is "/" or "";
        EndPoint = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? new IPEndPoint(ip, uri.Port) : new DnsEndPoint(uri.Host, uri.Port);
        downTicks = (long)(down.TotalSeconds * Stopwatch.Frequency);
        Pool = new ConnectionPool(this);
    }

    public Uri Uri { get; }

    /// <summary>Base URL for YARP (no trailing slash).</summary>
    public string Prefix { get; }

    public string HostHeader { get; }

    internal byte[] HostLine { get; }

    /// <summary>Plain HTTP without a base path: the built-in HTTP/1.1 forwarder can serve it.</summary>
    public bool IsPlainHttp { get; }

    public EndPoint EndPoint { get; }

    internal ConnectionPool Pool { get; }

    public bool IsHealthy => Stopwatch.GetTimestamp() >= Volatile.Read(ref downUntil);

    /// <summary>Requests in flight to this destination (least-connections); 0 when its cluster has one destination.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Whether <see cref="Enter"/>/<see cref="Exit"/> count (the cluster has a choice to make).</summary>
    internal bool Counted { get; set; }

    /// <summary>A request starts using this destination.</summary>
    public void Enter()
    {
        if (Counted)
        {
            Interlocked.Increment(ref inFlight);
        }
    }

    /// <summary>A request that called <see cref="Enter"/> ended.</summary>
    public void Exit()
    {
        if (Counted)
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    /// <summary>Passive health: skip this destination for the configured time.</summary>
    public void MarkDown() => Volatile.Write(ref downUntil, Stopwatch.GetTimestamp() + downTicks);

    public override string ToString() => Prefix;
}
