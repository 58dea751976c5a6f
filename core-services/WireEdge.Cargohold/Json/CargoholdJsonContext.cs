using System.Text.Json.Serialization;
using WireEdge.Cargohold.Endpoints;
using WireEdge.Cargohold.Upload;

namespace WireEdge.Cargohold.Json;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UploadSettings))]
[JsonSerializable(typeof(AssetResponse))]
[JsonSerializable(typeof(AssetTokenResponse))]
public sealed partial class CargoholdJsonContext : JsonSerializerContext;
