namespace WireEdge.Gundeck.Presences;

/// <summary>Settings under <c>Redis:</c> (the presence store).</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary><c>embedded</c> (default: an in-process Garnet server on 127.0.0.1:<see cref="Port"/>) or <c>external</c>.</summary>
    public string Mode { get; set; } = "embedded";

    /// <summary>Port of the embedded Garnet server; 0 picks a free port.</summary>
    public int Port { get; set; } = 16379;

    /// <summary>StackExchange.Redis configuration string of the external server (e.g. <c>redis:6379</c>).</summary>
    public string? Configuration { get; set; }

    /// <summary>Main-log memory of the embedded Garnet server (Garnet size syntax).</summary>
    public string EmbeddedLogMemory { get; set; } = "256m";

    /// <summary>Hash index memory of the embedded Garnet server (Garnet size syntax).</summary>
    public string EmbeddedIndexMemory { get; set; } = "16m";

    public bool IsEmbedded => !string.Equals(Mode, "external", StringComparison.OrdinalIgnoreCase);
}
