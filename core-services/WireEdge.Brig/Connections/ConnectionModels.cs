using System.Text.Json.Serialization;
using WireEdge.Contracts.Ids;

namespace WireEdge.Brig.Connections;

/// <summary>Connection states as rendered (FACTS.md §6.5).</summary>
public static class ConnectionStatus
{
    public const string Accepted = "accepted";
    public const string Blocked = "blocked";
    public const string Pending = "pending";
    public const string Ignored = "ignored";
    public const string Sent = "sent";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Accepted, Blocked, Pending, Ignored, Sent, Cancelled, "missing-legalhold-consent"];
}

/// <summary>One side of a connection: how <see cref="From"/> sees <see cref="To"/>.</summary>
public sealed record StoredConnection(Guid From, Guid To, string ToDomain, string Status, DateTimeOffset LastUpdate, Guid? Conversation);

/// <summary>The <c>UserConnection</c> JSON.</summary>
public sealed class UserConnectionView
{
    [JsonPropertyName("from")]
    public required Guid From { get; init; }

    [JsonPropertyName("to")]
    public required Guid To { get; init; }

    [JsonPropertyName("qualified_to")]
    public required QualifiedId QualifiedTo { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("last_update")]
    public required string LastUpdate { get; init; }

    [JsonPropertyName("conversation")]
    public Guid? Conversation { get; init; }

    [JsonPropertyName("qualified_conversation")]
    public QualifiedId? QualifiedConversation { get; init; }
}

public sealed class ConnectionUpdateBody
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }
}

public sealed class ListConnectionsBody
{
    [JsonPropertyName("size")]
    public int? Size { get; set; }

    [JsonPropertyName("paging_state")]
    public string? PagingState { get; set; }
}

public sealed class ConnectionPage
{
    [JsonPropertyName("connections")]
    public required List<UserConnectionView> Connections { get; init; }

    [JsonPropertyName("has_more")]
    public required bool HasMore { get; init; }

    [JsonPropertyName("paging_state")]
    public required string PagingState { get; init; }
}

public sealed record EventUser([property: JsonPropertyName("name")] string Name);

/// <summary><c>user.connection</c>.</summary>
public sealed class ConnectionEvent
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "user.connection";

    [JsonPropertyName("connection")]
    public required UserConnectionView Connection { get; init; }

    [JsonPropertyName("user")]
    public EventUser? User { get; init; }
}
