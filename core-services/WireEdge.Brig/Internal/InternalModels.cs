using System.Text.Json.Serialization;
using WireEdge.Contracts.Ids;

namespace WireEdge.Brig.Internal;

/// <summary><c>{"users":[uuid]}</c>.</summary>
public sealed class UserIdsBody
{
    [JsonPropertyName("users")]
    public List<Guid> Users { get; set; } = [];
}

/// <summary>Response of <c>POST /i/clients/list</c>: <c>{"clients":{uid:[client]}}</c>.</summary>
public sealed class UserClientIds
{
    [JsonPropertyName("clients")]
    public Dictionary<Guid, List<ClientId>> Clients { get; set; } = [];
}

/// <summary>Body of <c>POST /i/connections/accepted</c>.</summary>
public sealed class AcceptedConnectionsBody
{
    [JsonPropertyName("user")]
    public Guid User { get; set; }

    [JsonPropertyName("others")]
    public List<Guid> Others { get; set; } = [];
}

/// <summary>Body of <c>POST /i/clients/active</c>.</summary>
public sealed class ClientActiveBody
{
    [JsonPropertyName("user")]
    public Guid User { get; set; }

    [JsonPropertyName("client")]
    public ClientId Client { get; set; }
}

/// <summary>Response of <c>POST /i/users/summaries</c>.</summary>
public sealed class UserSummaries
{
    [JsonPropertyName("users")]
    public List<UserSummaryDto> Users { get; set; } = [];
}

public sealed class UserSummaryDto
{
    [JsonPropertyName("id")]
    public Guid Id { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("team")]
    public Guid? Team { get; set; }

    [JsonPropertyName("handle")]
    public string? Handle { get; set; }

    [JsonPropertyName("deleted")]
    public bool Deleted { get; set; }
}
