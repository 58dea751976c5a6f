using System.Text.Json.Serialization;

namespace WireEdge.Gundeck.PushTokens;

/// <summary>A native push token (FACTS.md §5.1): <c>{"transport","app","token","client"}</c>.</summary>
public sealed class PushTokenDto
{
    [JsonPropertyName("transport")]
    public string? Transport { get; set; }

    [JsonPropertyName("app")]
    public string? App { get; set; }

    [JsonPropertyName("token")]
    public string? Token { get; set; }

    [JsonPropertyName("client")]
    public string? Client { get; set; }
}

public sealed class PushTokenList
{
    [JsonPropertyName("tokens")]
    public List<PushTokenDto> Tokens { get; set; } = [];
}
