using System.Text.Json.Serialization;
using WireEdge.Brig.Clients;
using WireEdge.Contracts.Ids;

namespace WireEdge.Brig.Prekeys;

/// <summary><c>{"client","prekey"}</c>.</summary>
public sealed record ClientPrekey(
    [property: JsonPropertyName("client")] ClientId Client,
    [property: JsonPropertyName("prekey")] Prekey Prekey);

/// <summary><c>{"user","clients":[ClientPrekey]}</c>.</summary>
public sealed record PrekeyBundle(
    [property: JsonPropertyName("user")] Guid User,
    [property: JsonPropertyName("clients")] List<ClientPrekey> Clients);

/// <summary>Response of <c>POST /users/list-prekeys</c> from v4 on.</summary>
public sealed class QualifiedPrekeyMap
{
    [JsonPropertyName("qualified_user_client_prekeys")]
    public required Dictionary<string, Dictionary<Guid, Dictionary<ClientId, Prekey?>>> Prekeys { get; init; }

    [JsonPropertyName("failed_to_list")]
    public List<QualifiedId> FailedToList { get; init; } = [];
}
