namespace WireEdge.Galley.Conversations;

/// <summary>Access modes and access roles, and the legacy (v0–v2) single access role string.</summary>
public static class AccessRoles
{
    public static readonly string[] ValidAccess = ["private", "invite", "link", "code"];
    public static readonly string[] ValidRoles = ["team_member", "non_team_member", "guest", "service"];

    /// <summary>Default access roles of a new conversation.</summary>
    public static readonly string[] Default = ["team_member", "non_team_member", "guest", "service"];

    /// <summary>The legacy v0–v2 <c>access_role</c> rendering of a role set.</summary>
    public static string ToLegacy(IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Contains("guest"))
        {
            return "non_activated";
        }

        if (roles.Contains("non_team_member"))
        {
            return "activated";
        }

        return roles.Contains("team_member") ? "team" : "private";
    }

    /// <summary>The role set a legacy string stands for; null when unknown.</summary>
    public static string[]? FromLegacy(string? legacy) => legacy switch
    {
        "private" => [],
        "team" => ["team_member"],
        "activated" => ["team_member", "non_team_member", "service"],
        "non_activated" => ["team_member", "non_team_member", "guest", "service"],
        _ => null,
    };
}
