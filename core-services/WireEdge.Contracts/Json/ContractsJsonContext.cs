using System.Text.Json.Serialization;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Versioning;

namespace WireEdge.Contracts.Json;

/// <summary>Source-generated JSON metadata for the shared contract types.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WireError))]
[JsonSerializable(typeof(QualifiedId))]
[JsonSerializable(typeof(List<QualifiedId>))]
[JsonSerializable(typeof(ClientId))]
[JsonSerializable(typeof(ApiVersionInfo))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
