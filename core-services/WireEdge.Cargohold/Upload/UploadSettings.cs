using System.Text.Json.Serialization;
using WireEdge.Contracts.Ids;

namespace WireEdge.Cargohold.Upload;

/// <summary>The JSON first part of an upload (FACTS.md §8 AssetSettings).</summary>
public sealed class UploadSettings
{
    [JsonPropertyName("public")]
    public bool? Public { get; set; }

    [JsonPropertyName("retention")]
    public string? Retention { get; set; }

    [JsonPropertyName("convId")]
    public QualifiedId? ConvId { get; set; }

    [JsonPropertyName("filename")]
    public string? Filename { get; set; }

    [JsonPropertyName("filetype")]
    public string? Filetype { get; set; }
}
