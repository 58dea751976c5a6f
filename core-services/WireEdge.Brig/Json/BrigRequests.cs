using System.Text.Json.Serialization;
using WireEdge.Contracts.Ids;

namespace WireEdge.Brig.Json;

public sealed class NewTeamRequest
{
    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("icon")] public string? Icon { get; set; }

    [JsonPropertyName("icon_key")] public string? IconKey { get; set; }

    [JsonPropertyName("currency")] public string? Currency { get; set; }
}

public sealed class RegisterRequest
{
    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("email")] public string? Email { get; set; }

    [JsonPropertyName("email_code")] public string? EmailCode { get; set; }

    [JsonPropertyName("password")] public string? Password { get; set; }

    [JsonPropertyName("accent_id")] public int? AccentId { get; set; }

    [JsonPropertyName("assets")] public List<UserAsset>? Assets { get; set; }

    [JsonPropertyName("locale")] public string? Locale { get; set; }

    [JsonPropertyName("label")] public string? Label { get; set; }

    [JsonPropertyName("invitation_code")] public string? InvitationCode { get; set; }

    [JsonPropertyName("team_code")] public string? TeamCode { get; set; }

    [JsonPropertyName("team")] public NewTeamRequest? Team { get; set; }

    [JsonPropertyName("team_id")] public Guid? TeamId { get; set; }

    [JsonPropertyName("phone")] public string? Phone { get; set; }
}

public sealed class LoginRequest
{
    [JsonPropertyName("email")] public string? Email { get; set; }

    [JsonPropertyName("handle")] public string? Handle { get; set; }

    [JsonPropertyName("phone")] public string? Phone { get; set; }

    [JsonPropertyName("password")] public string? Password { get; set; }

    [JsonPropertyName("label")] public string? Label { get; set; }

    [JsonPropertyName("verification_code")] public string? VerificationCode { get; set; }
}

public sealed class SendActivationRequest
{
    [JsonPropertyName("email")] public string? Email { get; set; }

    [JsonPropertyName("phone")] public string? Phone { get; set; }

    [JsonPropertyName("locale")] public string? Locale { get; set; }
}

public sealed class ActivateRequest
{
    [JsonPropertyName("email")] public string? Email { get; set; }

    [JsonPropertyName("phone")] public string? Phone { get; set; }

    [JsonPropertyName("code")] public string? Code { get; set; }

    [JsonPropertyName("dryrun")] public bool? DryRun { get; set; }
}

public sealed class SelfUpdateRequest
{
    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("text_status")] public string? TextStatus { get; set; }

    [JsonPropertyName("accent_id")] public int? AccentId { get; set; }

    [JsonPropertyName("assets")] public List<UserAsset>? Assets { get; set; }
}

public sealed class LocaleUpdateRequest
{
    [JsonPropertyName("locale")] public string? Locale { get; set; }
}

public sealed class PasswordChangeRequest
{
    [JsonPropertyName("old_password")] public string? OldPassword { get; set; }

    [JsonPropertyName("new_password")] public string? NewPassword { get; set; }
}

public sealed class PasswordRequest
{
    [JsonPropertyName("password")] public string? Password { get; set; }
}

public sealed class HandleUpdateRequest
{
    [JsonPropertyName("handle")] public string? Handle { get; set; }
}

public sealed class CheckHandlesRequest
{
    [JsonPropertyName("handles")] public List<string>? Handles { get; set; }

    [JsonPropertyName("return")] public int? Return { get; set; }
}

public sealed class QualifiedHandle
{
    [JsonPropertyName("domain")] public string? Domain { get; set; }

    [JsonPropertyName("handle")] public string? Handle { get; set; }
}

public sealed class ListUsersRequest
{
    [JsonPropertyName("qualified_ids")] public List<QualifiedId>? QualifiedIds { get; set; }

    [JsonPropertyName("qualified_handles")] public List<QualifiedHandle>? QualifiedHandles { get; set; }
}

public sealed class RemoveCookiesRequest
{
    [JsonPropertyName("password")] public string? Password { get; set; }

    [JsonPropertyName("labels")] public List<string>? Labels { get; set; }

    [JsonPropertyName("ids")] public List<uint>? Ids { get; set; }
}

public sealed class StatusUpdateRequest
{
    [JsonPropertyName("status")] public string? Status { get; set; }
}
