using System.Text.Json.Serialization;
using WireEdge.Gundeck.Presences;
using WireEdge.Gundeck.PushTokens;

namespace WireEdge.Gundeck;

/// <summary>Source-generated JSON metadata for gundeck's DTOs.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(PushTokenDto))]
[JsonSerializable(typeof(PushTokenList))]
[JsonSerializable(typeof(PresenceDto))]
[JsonSerializable(typeof(List<PresenceDto>))]
[JsonSerializable(typeof(List<Guid>))]
[JsonSerializable(typeof(EpochDto))]
internal sealed partial class GundeckJsonContext : JsonSerializerContext;
