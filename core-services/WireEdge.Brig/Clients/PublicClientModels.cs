using System.Text.Json.Serialization;
using WireEdge.Contracts.Ids;

namespace WireEdge.Brig.Clients;

/// <summary>Body of <c>POST /users/list-clients</c>.</summary>
public sealed class ListClientsBody
{
    [JsonPropertyName("qualified_users")]
    public List<QualifiedId>? QualifiedUsers { get; set; }
}

/// <summary>Response of <c>POST /users/list-clients</c>.</summary>
public sealed class QualifiedUserClients
{
    [JsonPropertyName("qualified_user_map")]
    public required Dictionary<string, Dictionary<Guid, List<PubClient>>> Map { get; init; }
}

/// <summary><c>user.client-add</c>.</summary>
public sealed class ClientAddEvent
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "user.client-add";

    [JsonPropertyName("client")]
    public required ClientView Client { get; init; }
}

public sealed record ClientRef([property: JsonPropertyName("id")] ClientId Id);

/// <summary><c>user.client-remove</c>.</summary>
public sealed class ClientRemoveEvent
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "user.client-remove";

    [JsonPropertyName("client")]
    public required ClientRef Client { get; init; }
}
