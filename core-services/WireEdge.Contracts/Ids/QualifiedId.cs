using System.Text.Json.Serialization;

namespace WireEdge.Contracts.Ids;

/// <summary>A federation-qualified id, rendered as <c>{"id":"&lt;uuid&gt;","domain":"&lt;domain&gt;"}</c>.</summary>
public readonly record struct QualifiedId(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("domain")] string Domain)
{
    public override string ToString() => $"{Domain}/{Id:D}";
}
