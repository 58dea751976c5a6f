using System.Text.Json.Serialization;

namespace WireEdge.LoadTests.Core;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ProfileFile))]
internal sealed partial class LoadJsonContext : JsonSerializerContext;
