using System.Text.Json;
using System.Text.Json.Serialization;
using WireEdge.Contracts.Ids;

namespace WireEdge.Brig.Clients;

/// <summary>A prekey as sent and returned: <c>{"id":0–65535,"key":"&lt;base64&gt;"}</c>.</summary>
public sealed record Prekey(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("key")] string Key);

/// <summary>A stored client (device) of a user.</summary>
public sealed record StoredClient(
    Guid User,
    ClientId Id,
    string Type,
    string? Class,
    string? Label,
    string? Model,
    string? Cookie,
    IReadOnlyList<string> Capabilities,
    DateTimeOffset Created,
    DateTimeOffset? LastActive);

/// <summary>
/// A client's capabilities as rendered: a plain array from API v7 on, the object
/// <c>{"capabilities":[...]}</c> before. Both forms are accepted on input.
/// </summary>
[JsonConverter(typeof(ClientCapabilitiesJsonConverter))]
public sealed record ClientCapabilities(IReadOnlyList<string> Items, bool ObjectForm);

/// <summary>The <c>Client</c> JSON (FACTS.md §6.4).</summary>
public sealed class ClientView
{
    [JsonPropertyName("id")]
    public required ClientId Id { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("time")]
    public required string Time { get; init; }

    [JsonPropertyName("class")]
    public string? Class { get; init; }

    [JsonPropertyName("label")]
    public string? Label { get; init; }

    [JsonPropertyName("cookie")]
    public string? Cookie { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("capabilities")]
    public required ClientCapabilities Capabilities { get; init; }

    [JsonPropertyName("mls_public_keys")]
    public Dictionary<string, string> MlsPublicKeys { get; init; } = [];

    [JsonPropertyName("last_active")]
    public string? LastActive { get; init; }
}

/// <summary>A client as other users see it: <c>{"id","class"}</c>.</summary>
public sealed record PubClient(
    [property: JsonPropertyName("id")] ClientId Id,
    [property: JsonPropertyName("class")] string? Class);

/// <summary>Body of <c>POST /clients</c>.</summary>
public sealed class NewClientBody
{
    [JsonPropertyName("prekeys")]
    public List<PrekeyBody?>? Prekeys { get; set; }

    [JsonPropertyName("lastkey")]
    public PrekeyBody? Lastkey { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("class")]
    public string? Class { get; set; }

    [JsonPropertyName("label")]
    public string? Label { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("cookie")]
    public string? Cookie { get; set; }

    [JsonPropertyName("password")]
    public string? Password { get; set; }

    [JsonPropertyName("capabilities")]
    public JsonElement? Capabilities { get; set; }
}

/// <summary>Body of <c>PUT /clients/:id</c>.</summary>
public sealed class UpdateClientBody
{
    [JsonPropertyName("prekeys")]
    public List<PrekeyBody?>? Prekeys { get; set; }

    [JsonPropertyName("lastkey")]
    public PrekeyBody? Lastkey { get; set; }

    [JsonPropertyName("label")]
    public string? Label { get; set; }

    [JsonPropertyName("capabilities")]
    public JsonElement? Capabilities { get; set; }
}

/// <summary>Body of <c>DELETE /clients/:id</c>.</summary>
public sealed class DeleteClientBody
{
    [JsonPropertyName("password")]
    public string? Password { get; set; }
}

/// <summary>A prekey as read from a request (fields optional so that validation can answer precisely).</summary>
public sealed class PrekeyBody
{
    [JsonPropertyName("id")]
    public long? Id { get; set; }

    [JsonPropertyName("key")]
    public string? Key { get; set; }
}

public sealed class ClientCapabilitiesJsonConverter : JsonConverter<ClientCapabilities>
{
    public override ClientCapabilities Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        return ClientCapabilityParser.TryParse(doc.RootElement, out var caps)
            ? new ClientCapabilities(caps, doc.RootElement.ValueKind == JsonValueKind.Object)
            : throw new JsonException("invalid capabilities");
    }

    public override void Write(Utf8JsonWriter writer, ClientCapabilities value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.ObjectForm)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("capabilities");
        }

        writer.WriteStartArray();
        foreach (var c in value.Items)
        {
            writer.WriteStringValue(c);
        }

        writer.WriteEndArray();
        if (value.ObjectForm)
        {
            writer.WriteEndObject();
        }
    }
}
