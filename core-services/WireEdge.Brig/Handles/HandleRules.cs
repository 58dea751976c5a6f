namespace WireEdge.Brig.Handles;

/// <summary>Handle syntax (2–256 characters of <c>a-z0-9_.-</c>) and wire-server's blocklist.</summary>
internal static class HandleRules
{
    private static readonly HashSet<string> Blocked = new(StringComparer.Ordinal)
    {
        "account", "admin", "administrator", "all", "android", "anna", "avs", "backoffice", "bot", "cake", "cannon", "cargohold",
        "everyone", "galley", "gundeck", "help", "here", "ios", "me", "nginz", "no-reply", "noreply", "otto", "postmaster",
        "root", "spar", "support", "system", "team", "wire", "wireapp", "you",
    };

    public static bool IsValid(string? handle)
    {
        if (handle is null || handle.Length is < 2 or > 256 || Blocked.Contains(handle))
        {
            return false;
        }

        foreach (var c in handle)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
