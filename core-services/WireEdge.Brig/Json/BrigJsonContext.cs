using System.Text.Json.Serialization;

namespace WireEdge.Brig.Json;

/// <summary>Source-generated JSON metadata for brig's account-side DTOs.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(SendActivationRequest))]
[JsonSerializable(typeof(ActivateRequest))]
[JsonSerializable(typeof(SelfUpdateRequest))]
[JsonSerializable(typeof(LocaleUpdateRequest))]
[JsonSerializable(typeof(PasswordChangeRequest))]
[JsonSerializable(typeof(PasswordRequest))]
[JsonSerializable(typeof(HandleUpdateRequest))]
[JsonSerializable(typeof(CheckHandlesRequest))]
[JsonSerializable(typeof(ListUsersRequest))]
[JsonSerializable(typeof(RemoveCookiesRequest))]
[JsonSerializable(typeof(StatusUpdateRequest))]
[JsonSerializable(typeof(List<UserAsset>))]
[JsonSerializable(typeof(UserJson))]
[JsonSerializable(typeof(List<UserJson>))]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(CookieListJson))]
[JsonSerializable(typeof(ListUsersResponse))]
[JsonSerializable(typeof(SearchResultJson))]
[JsonSerializable(typeof(ActivationResponse))]
[JsonSerializable(typeof(List<string>))]
public sealed partial class BrigJsonContext : JsonSerializerContext;
