using System.Text.Json.Serialization;

namespace WireEdge.Contracts.Versioning;

/// <summary>The body of <c>GET /api-version</c>.</summary>
public sealed record ApiVersionInfo(
    [property: JsonPropertyName("supported")] IReadOnlyList<int> Supported,
    [property: JsonPropertyName("development")] IReadOnlyList<int> Development,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("federation")] bool Federation);
