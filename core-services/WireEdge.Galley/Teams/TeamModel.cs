namespace WireEdge.Galley.Teams;

/// <summary>A stored team.</summary>
public sealed record TeamRecord(Guid Id, Guid Creator, string Name, string Icon, string? IconKey, bool Binding);

/// <summary>A team member with its permission bit sets (<c>self</c> and <c>copy</c>).</summary>
public sealed record TeamMemberRecord(Guid User, long PermSelf, long PermCopy, Guid? CreatedBy, long? CreatedAtMs);

/// <summary>Team permission bit sets.</summary>
public static class TeamPermissions
{
    /// <summary>Every permission bit wire-server defines (the owner role): 8191.</summary>
    public const long Full = 0x1FFF;
}
