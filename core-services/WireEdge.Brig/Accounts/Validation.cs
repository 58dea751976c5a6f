using System.Globalization;
using System.Text.Json;
using WireEdge.Brig.Json;

namespace WireEdge.Brig.Accounts;

/// <summary>Input rules of brig's account fields (wire-server's limits).</summary>
internal static class Validation
{
    public const int MaxAssets = 16;

    /// <summary>Display names: 1–128 characters (text elements), not only whitespace.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var length = new StringInfo(name).LengthInTextElements;
        return length is >= 1 and <= 128;
    }

    public static bool IsValidPassword(string? password) => password is { Length: >= 8 and <= 1024 };

    /// <summary>Passwords accepted at login (wire-server parses 6–1024).</summary>
    public static bool IsPlausiblePassword(string? password) => password is { Length: >= 1 and <= 1024 };

    public static bool IsValidTextStatus(string? text) => text is null || new StringInfo(text).LengthInTextElements <= 256;

    public static bool IsValidAccent(int? accent) => accent is null or >= 0 and <= int.MaxValue;

    /// <summary>A plain <c>local@domain.tld</c> address (no display name, no spaces, domain with a dot).</summary>
    public static bool IsValidEmail(string? email)
    {
        if (email is null || email.Length is < 3 or > 254)
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at > 64)
        {
            return false;
        }

        foreach (var ch in email)
        {
            if (ch <= ' ' || ch is '<' or '>' or '(' or ')' or '[' or ']' or ',' or ';' or ':' or '\\' or '"' || ch >= 127)
            {
                return false;
            }
        }

        var domain = email.AsSpan(at + 1);
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 1 && !domain.Contains("..", StringComparison.Ordinal) && domain[0] != '.' && domain[^1] != '.'
            && !email.AsSpan(0, at).StartsWith(".") && !email.AsSpan(0, at).EndsWith(".") && !email.AsSpan(0, at).Contains("..", StringComparison.Ordinal);
    }

    public static string EmailKey(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Locales like <c>en</c> or <c>de-DE</c> (ISO 639-1 language, optional ISO 3166 country).</summary>
    public static bool IsValidLocale(string? locale)
    {
        if (locale is null)
        {
            return false;
        }

        var parts = locale.Split('-');
        return parts.Length is 1 or 2
            && parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetter)
            && (parts.Length == 1 || (parts[1].Length is 2 or 3 && parts[1].All(char.IsAsciiLetterOrDigit)));
    }

    /// <summary>Normalises a locale to <c>ll</c> or <c>ll-CC</c>.</summary>
    public static string NormaliseLocale(string locale)
    {
        var parts = locale.Split('-');
        return parts.Length == 1 ? parts[0].ToLowerInvariant() : parts[0].ToLowerInvariant() + "-" + parts[1].ToUpperInvariant();
    }

    /// <summary>Validates assets (<c>{"key","type":"image","size":"preview"|"complete"}</c>) and renders them as stored JSON.</summary>
    public static bool TryRenderAssets(List<UserAsset>? assets, out string json)
    {
        json = "[]";
        if (assets is null)
        {
            return true;
        }

        if (assets.Count > MaxAssets)
        {
            return false;
        }

        foreach (var a in assets)
        {
            if (a is null || string.IsNullOrEmpty(a.Key) || a.Key.Length > 512 || (a.Type ?? "image") != "image" || a.Size is not (null or "preview" or "complete"))
            {
                return false;
            }

            a.Type = "image";
        }

        json = JsonSerializer.Serialize(assets, BrigJsonContext.Default.ListUserAsset);
        return true;
    }
}
