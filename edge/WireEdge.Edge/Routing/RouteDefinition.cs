using System.Text.Json.Serialization;

namespace WireEdge.Edge.Routing;

/// <summary>The route table file: <c>{"routes":[...]}</c>, first match wins.</summary>
public sealed class RouteFile
{
    [JsonPropertyName("routes")]
    public List<RouteDefinition> Routes { get; set; } = [];
}

/// <summary>
/// One entry of the route table as written in the file. <see cref="Path"/> is an nginx-style regex
/// matched case-insensitively from the start of the path after an optional <c>/vN</c> prefix
/// (prefix match unless it ends with <c>$</c>); <see cref="Exact"/> compares the whole path instead.
/// </summary>
public sealed class RouteDefinition
{
    /// <summary>Name used in metrics and errors; defaults to the path.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>Exact, literal, case-sensitive path match (nginx <c>location =</c>).</summary>
    [JsonPropertyName("exact")]
    public bool Exact { get; set; }

    /// <summary>Whether a <c>/vN</c> prefix may precede the path (default true).</summary>
    [JsonPropertyName("versioned")]
    public bool Versioned { get; set; } = true;

    /// <summary><c>proxy</c> (default), <c>status</c> (200, no auth) or <c>disabled</c> (404).</summary>
    [JsonPropertyName("action")]
    public string? Action { get; set; }

    /// <summary>brig, galley, gundeck, cannon, cargohold, spar (required for <c>proxy</c>).</summary>
    [JsonPropertyName("upstream")]
    public string? Upstream { get; set; }

    /// <summary>Whether a zauth token is required (default true; nginz <c>disable_zauth</c> = false).</summary>
    [JsonPropertyName("zauth")]
    public bool Zauth { get; set; } = true;

    /// <summary>No default request-rate zone (nginz <c>unlimited_requests_endpoint</c>).</summary>
    [JsonPropertyName("unlimited")]
    public bool Unlimited { get; set; }

    /// <summary>Extra rate-limit zones (in addition to the default zone unless unlimited).</summary>
    [JsonPropertyName("zones")]
    public List<string>? Zones { get; set; }

    /// <summary>Body size limit: <c>512k</c> (default), <c>40m</c>, <c>0</c> = unlimited.</summary>
    [JsonPropertyName("max_body")]
    public string? MaxBody { get; set; }

    /// <summary>Request buffering (nginx <c>proxy_request_buffering</c>); informational, bodies are streamed.</summary>
    [JsonPropertyName("buffering")]
    public bool Buffering { get; set; } = true;

    [JsonPropertyName("websocket")]
    public bool WebSocket { get; set; }

    /// <summary>
    /// OAuth scope of a zauth route (nginz <c>oauth_scope</c>, e.g. <c>self</c>): a bearer JWT that is not a zauth
    /// token is accepted with <c>read:&lt;scope&gt;</c> (GET), <c>write:</c> (POST, PUT) or <c>admin:</c>; none = no OAuth.
    /// </summary>
    [JsonPropertyName("oauth_scope")]
    public string? OAuthScope { get; set; }

    /// <summary>CORS <c>Access-Control-Allow-Credentials: true</c> on this route.</summary>
    [JsonPropertyName("allow_credentials")]
    public bool AllowCredentials { get; set; }
}

[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(RouteFile))]
internal sealed partial class EdgeJsonContext : JsonSerializerContext;
