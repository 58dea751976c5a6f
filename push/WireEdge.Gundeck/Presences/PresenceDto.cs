using System.Text.Json.Serialization;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Push;

namespace WireEdge.Gundeck.Presences;

/// <summary>FACTS.md §5.2 presence JSON: <c>{"user_id","device_id","resource","client_id","created_at"}</c>.</summary>
public sealed class PresenceDto
{
    [JsonPropertyName("user_id")]
    public Guid UserId { get; set; }

    [JsonPropertyName("device_id")]
    public string? DeviceId { get; set; }

    [JsonPropertyName("resource")]
    public string? Resource { get; set; }

    [JsonPropertyName("client_id")]
    public string? ClientId { get; set; }

    [JsonPropertyName("created_at")]
    public long CreatedAt { get; set; }

    public static PresenceDto From(Presence p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new PresenceDto
        {
            UserId = p.User,
            DeviceId = p.Connection,
            Resource = PresenceValue.Resource(p.Cannon, p.User, p.Connection),
            ClientId = p.Client?.ToString(),
            CreatedAt = p.CreatedAtMs,
        };
    }

    public Presence? ToPresence(long now)
    {
        if (UserId == Guid.Empty || string.IsNullOrEmpty(DeviceId) || DeviceId.Length > 256 || Resource is null || PresenceValue.CannonOf(Resource) is not { } cannon)
        {
            return null;
        }

        ClientId? client = null;
        if (ClientId is { Length: > 0 } text)
        {
            if (!WireEdge.Contracts.Ids.ClientId.TryParse(text, out var c))
            {
                return null;
            }

            client = c;
        }

        return new Presence(UserId, DeviceId, cannon, client, CreatedAt > 0 ? CreatedAt : now);
    }
}

public sealed class EpochDto
{
    [JsonPropertyName("epoch")]
    public string Epoch { get; set; } = "";
}
