using System.Text.Json.Serialization;
using WireEdge.Contracts.Ids;

namespace WireEdge.Brig.Json;

/// <summary>An entry of a user's <c>assets</c>.</summary>
public sealed class UserAsset
{
    [JsonPropertyName("key")] public string? Key { get; set; }

    [JsonPropertyName("type")] public string? Type { get; set; }

    [JsonPropertyName("size")] public string? Size { get; set; }
}

/// <summary>The <c>User</c> object of <c>GET /self</c> and <c>POST /register</c>, and (with fewer fields) the <c>UserProfile</c> of other users.</summary>
public sealed class UserJson
{
    [JsonPropertyName("qualified_id")] public QualifiedId QualifiedId { get; set; }

    [JsonPropertyName("id")] public Guid Id { get; set; }

    [JsonPropertyName("type")] public string Type { get; set; } = "regular";

    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;

    [JsonPropertyName("text_status")] public string? TextStatus { get; set; }

    [JsonPropertyName("accent_id")] public int AccentId { get; set; }

    [JsonPropertyName("assets")] public List<UserAsset> Assets { get; set; } = [];

    [JsonPropertyName("picture")] public List<string> Picture { get; set; } = [];

    [JsonPropertyName("email")] public string? Email { get; set; }

    [JsonPropertyName("email_unvalidated")] public string? EmailUnvalidated { get; set; }

    [JsonPropertyName("handle")] public string? Handle { get; set; }

    [JsonPropertyName("locale")] public string? Locale { get; set; }

    [JsonPropertyName("status")] public string? Status { get; set; }

    [JsonPropertyName("team")] public Guid? Team { get; set; }

    [JsonPropertyName("managed_by")] public string? ManagedBy { get; set; }

    [JsonPropertyName("deleted")] public bool? Deleted { get; set; }

    [JsonPropertyName("legalhold_status")] public string? LegalholdStatus { get; set; }

    [JsonPropertyName("searchable")] public bool? Searchable { get; set; }

    [JsonPropertyName("supported_protocols")] public List<string> SupportedProtocols { get; set; } = ["proteus"];
}

public sealed class AccessTokenResponse
{
    [JsonPropertyName("user")] public Guid User { get; set; }

    [JsonPropertyName("access_token")] public string AccessToken { get; set; } = string.Empty;

    [JsonPropertyName("token_type")] public string TokenType { get; set; } = "Bearer";

    [JsonPropertyName("expires_in")] public int ExpiresIn { get; set; }
}

public sealed class CookieJson
{
    [JsonPropertyName("id")] public uint Id { get; set; }

    [JsonPropertyName("type")] public string Type { get; set; } = "persistent";

    [JsonPropertyName("created")] public string Created { get; set; } = string.Empty;

    [JsonPropertyName("expires")] public string Expires { get; set; } = string.Empty;

    [JsonPropertyName("label")] public string? Label { get; set; }

    [JsonPropertyName("successor")] public uint? Successor { get; set; }
}

public sealed class CookieListJson
{
    [JsonPropertyName("cookies")] public List<CookieJson> Cookies { get; set; } = [];
}

public sealed class ListUsersResponse
{
    [JsonPropertyName("found")] public List<UserJson> Found { get; set; } = [];

    [JsonPropertyName("failed")] public List<QualifiedId>? Failed { get; set; }
}

public sealed class ContactJson
{
    [JsonPropertyName("qualified_id")] public QualifiedId QualifiedId { get; set; }

    [JsonPropertyName("id")] public Guid Id { get; set; }

    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;

    [JsonPropertyName("handle")] public string? Handle { get; set; }

    [JsonPropertyName("accent_id")] public int AccentId { get; set; }

    [JsonPropertyName("team")] public Guid? Team { get; set; }

    [JsonPropertyName("type")] public string Type { get; set; } = "regular";
}

public sealed class SearchResultJson
{
    [JsonPropertyName("documents")] public List<ContactJson> Documents { get; set; } = [];

    [JsonPropertyName("found")] public int Found { get; set; }

    [JsonPropertyName("returned")] public int Returned { get; set; }

    [JsonPropertyName("took")] public int Took { get; set; }

    [JsonPropertyName("has_more")] public bool HasMore { get; set; }

    [JsonPropertyName("search_policy")] public string SearchPolicy { get; set; } = "full_search";
}

public sealed class ActivationResponse
{
    [JsonPropertyName("email")] public string Email { get; set; } = string.Empty;

    [JsonPropertyName("first")] public bool First { get; set; }
}
