namespace WireEdge.Brig.Users;

/// <summary>Account status as stored (rendered as <c>status</c> in the User JSON).</summary>
public enum UserStatus
{
    Active = 0,
    Suspended = 1,
    Deleted = 2,
    Ephemeral = 3,
    PendingInvitation = 4,
}

/// <summary>One row of <c>brig_users</c>.</summary>
public sealed class UserRow
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? TextStatus { get; set; }

    public int AccentId { get; set; }

    /// <summary>The <c>assets</c> array as JSON text.</summary>
    public string Assets { get; set; } = "[]";

    /// <summary>E-mail as given at registration.</summary>
    public string? Email { get; set; }

    /// <summary>Lower-cased e-mail, unique (login and key-exists checks).</summary>
    public string? EmailKey { get; set; }

    public bool EmailActivated { get; set; }

    public string? Handle { get; set; }

    public string Locale { get; set; } = "en";

    public UserStatus Status { get; set; }

    public Guid? Team { get; set; }

    /// <summary>Argon2id PHC string, or null for users without a password.</summary>
    public string? Password { get; set; }

    /// <summary>Creation time, epoch milliseconds.</summary>
    public long Created { get; set; }

    public bool Searchable { get; set; } = true;

    public bool IsDeleted => Status == UserStatus.Deleted;
}
