namespace WireEdge.Contracts.Identity;

/// <summary>Names of the trusted headers the edge sets for upstream services (nginz's <c>Z-*</c>).</summary>
public static class ZHeaders
{
    public const string User = "Z-User";
    public const string Client = "Z-Client";
    public const string Connection = "Z-Connection";
    public const string Type = "Z-Type";
    public const string Bot = "Z-Bot";
    public const string Provider = "Z-Provider";
    public const string Conversation = "Z-Conversation";
    public const string Timestamp = "Z-Timestamp";
    public const string Host = "Z-Host";
    public const string RequestId = "Request-Id";
}
