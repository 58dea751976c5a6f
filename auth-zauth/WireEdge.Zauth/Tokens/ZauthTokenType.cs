namespace WireEdge.Zauth;

/// <summary>The token types of zauth; the <c>t=</c> letters are <c>a</c>, <c>u</c>, <c>b</c>, <c>p</c>, <c>la</c>, <c>lu</c>.</summary>
public enum ZauthTokenType
{
    Access,
    User,
    Bot,
    Provider,
    LegalHoldAccess,
    LegalHoldUser,
}

/// <summary>Conversions between <see cref="ZauthTokenType"/> and its wire letters.</summary>
public static class ZauthTokenTypes
{
    /// <summary>The number of token types (the enum values are 0..Count-1).</summary>
    public const int Count = 6;

    /// <summary>The <c>t=</c> value of a type.</summary>
    public static string Letter(this ZauthTokenType type) => type switch
    {
        ZauthTokenType.Access => "a",
        ZauthTokenType.User => "u",
        ZauthTokenType.Bot => "b",
        ZauthTokenType.Provider => "p",
        ZauthTokenType.LegalHoldAccess => "la",
        ZauthTokenType.LegalHoldUser => "lu",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Parses a <c>t=</c> value.</summary>
    public static bool TryParseLetter(ReadOnlySpan<char> letter, out ZauthTokenType type)
    {
        switch (letter)
        {
            case "a": type = ZauthTokenType.Access; return true;
            case "u": type = ZauthTokenType.User; return true;
            case "b": type = ZauthTokenType.Bot; return true;
            case "p": type = ZauthTokenType.Provider; return true;
            case "la": type = ZauthTokenType.LegalHoldAccess; return true;
            case "lu": type = ZauthTokenType.LegalHoldUser; return true;
            default: type = default; return false;
        }
    }

    /// <summary>A <c>Z-Type</c> value: <c>access</c>, <c>user</c>, <c>bot</c>, <c>provider</c>, <c>legal_hold_access</c>,
    /// <c>legal_hold_user</c>. (nginz truncates the legal-hold names through a length bug, FACTS.md §1.5.)</summary>
    public static string HeaderName(this ZauthTokenType type) => type switch
    {
        ZauthTokenType.Access => "access",
        ZauthTokenType.User => "user",
        ZauthTokenType.Bot => "bot",
        ZauthTokenType.Provider => "provider",
        ZauthTokenType.LegalHoldAccess => "legal_hold_access",
        ZauthTokenType.LegalHoldUser => "legal_hold_user",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>True for types whose body carries a user (<c>u=</c>).</summary>
    public static bool HasUser(this ZauthTokenType type) =>
        type is ZauthTokenType.Access or ZauthTokenType.User or ZauthTokenType.LegalHoldAccess or ZauthTokenType.LegalHoldUser;
}
