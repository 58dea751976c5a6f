using System.Text.Json.Serialization;

namespace WireEdge.Contracts.Errors;

/// <summary>The error body every Wire service returns: <c>{"code","label","message"}</c>.</summary>
public sealed record WireError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("message")] string Message);
