using System.ComponentModel.DataAnnotations;

namespace WireEdge.Hosting.Options;

/// <summary>Configuration section <c>Listen</c>: where the host accepts connections.</summary>
public sealed class HostListenOptions
{
    public const string Section = "Listen";

    /// <summary>Public API address (the edge). Empty disables the public listener (service processes behind an edge).</summary>
    public string PublicAddress { get; set; } = "0.0.0.0";

    /// <summary>Public API port; 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int PublicPort { get; set; } = 8080;

    /// <summary>Internal API address; loopback only unless explicitly changed.</summary>
    public string InternalAddress { get; set; } = "127.0.0.1";

    /// <summary>Internal API port (<c>/i/...</c>, and in the distributed topology the service API the edge forwards to); 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int InternalPort { get; set; } = 8085;
}
