using System.Text.Json.Serialization;

namespace WireEdge.Cargohold.Endpoints;

/// <summary>201 body of an upload: <c>{"key","domain","expires"?,"token"?}</c>.</summary>
public sealed record AssetResponse(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("expires")] string? Expires,
    [property: JsonPropertyName("token")] string? Token);

public sealed record AssetTokenResponse([property: JsonPropertyName("token")] string Token);
