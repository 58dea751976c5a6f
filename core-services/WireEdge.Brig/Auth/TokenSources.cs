using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace WireEdge.Brig.Auth;

/// <summary>Where <c>/access</c> finds its credentials: <c>zuid</c> cookies and an optional old access token.</summary>
internal static class TokenSources
{
    public const string CookieName = "zuid";

    /// <summary>Every <c>zuid</c> cookie value in the request, in order (several are allowed; the first valid one wins).</summary>
    public static List<string> ZuidCookies(HttpRequest request)
    {
        var found = new List<string>(1);
        foreach (var header in request.Headers.Cookie)
        {
            if (string.IsNullOrEmpty(header))
            {
                continue;
            }

            foreach (var part in header.Split(';'))
            {
                var p = part.AsSpan().Trim();
                var eq = p.IndexOf('=');
                if (eq <= 0 || !p[..eq].Trim().SequenceEqual(CookieName))
                {
                    continue;
                }

                var value = p[(eq + 1)..].Trim();
                if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
                {
                    value = value[1..^1];
                }

                if (value.Length > 0)
                {
                    found.Add(value.ToString());
                }
            }
        }

        return found;
    }

    /// <summary>The access token from <c>Authorization: Bearer</c> (preferred) or <c>?access_token=</c>.</summary>
    public static string? AccessToken(HttpRequest request)
    {
        var auth = request.Headers[HeaderNames.Authorization].ToString();
        if (auth.Length > 0)
        {
            return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : auth.Trim();
        }

        var q = request.Query["access_token"].ToString();
        return q.Length > 0 ? q : null;
    }
}
