using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace WireEdge.Edge.Auth;

/// <summary>
/// Finds the zauth token like nginz: the <c>Authorization</c> header (<c>Bearer &lt;t&gt;</c> or
/// <c>AWS4-HMAC-SHA256 Credential=&lt;t&gt;,...</c>) if present, else the <c>access_token</c> query parameter.
/// </summary>
internal static class TokenReader
{
    /// <summary>Returns the token text, or an empty span when there is none; <paramref name="malformed"/> when an Authorization header is present but unusable.</summary>
    public static ReadOnlySpan<char> Find(HttpRequest request, out bool malformed)
    {
        malformed = false;
        var auth = request.Headers[HeaderNames.Authorization];
        if (auth.Count > 0)
        {
            var v = (auth[0] ?? string.Empty).AsSpan().Trim();
            if (v.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return v[7..].Trim();
            }

            if (v.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
            {
                var i = v.IndexOf("Credential=", StringComparison.Ordinal);
                if (i >= 0)
                {
                    var t = v[(i + 11)..];
                    var end = t.IndexOf(',');
                    return (end < 0 ? t : t[..end]).Trim();
                }
            }

            malformed = true;
            return default;
        }

        var query = request.QueryString.Value;
        if (string.IsNullOrEmpty(query))
        {
            return default;
        }

        var q = query.AsSpan(1);
        while (!q.IsEmpty)
        {
            var amp = q.IndexOf('&');
            var pair = amp < 0 ? q : q[..amp];
            if (pair.StartsWith("access_token=", StringComparison.Ordinal))
            {
                var value = pair[13..];
                return value.IndexOfAny('%', '+') < 0 ? value : Uri.UnescapeDataString(value.ToString().Replace('+', ' ')).AsSpan();
            }

            q = amp < 0 ? default : q[(amp + 1)..];
        }

        return default;
    }

    /// <summary>A loggable copy of a query string with every <c>access_token</c> value masked.</summary>
    public static string MaskQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || !query.Contains("access_token=", StringComparison.OrdinalIgnoreCase))
        {
            return query ?? string.Empty;
        }

        var parts = query.TrimStart('?').Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith("access_token=", StringComparison.OrdinalIgnoreCase))
            {
                parts[i] = "access_token=****";
            }
        }

        return "?" + string.Join('&', parts);
    }
}
