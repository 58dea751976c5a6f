using Microsoft.AspNetCore.Http;

namespace WireEdge.Edge.Auth;

/// <summary>Where the token of a request was found.</summary>
internal enum TokenSource
{
    None,

    /// <summary><c>Authorization: Bearer</c> (the only source the OAuth fallback accepts).</summary>
    Bearer,

    /// <summary><c>Authorization: AWS4-HMAC-SHA256 Credential=...</c>.</summary>
    Aws,

    Query,

    /// <summary>The <c>zprovider</c> cookie (provider tokens).</summary>
    ProviderCookie,

    /// <summary>An <c>Authorization</c> header that carries no usable token.</summary>
    Malformed,
}

/// <summary>
/// Finds the zauth token like nginz (only one source is tried): the <c>Authorization</c> header
/// (<c>Bearer &lt;t&gt;</c> or <c>AWS4-HMAC-SHA256 Credential=&lt;t&gt;,...</c>) if present; else, when
/// the query string is not empty, its <c>access_token</c> parameter; else the <c>zprovider</c> cookie.
/// </summary>
internal static class TokenReader
{
    private const string ProviderCookie = "zprovider=";

    /// <summary>Returns the token text, or an empty span when there is none.</summary>
    public static ReadOnlySpan<char> Find(HttpRequest request, out TokenSource source)
    {
        source = TokenSource.None;
        var headers = request.Headers;
        var auth = headers.Authorization;
        if (auth.Count > 0)
        {
            var v = (auth[0] ?? string.Empty).AsSpan().Trim();
            if (v.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                source = TokenSource.Bearer;
                return v[7..].Trim();
            }

            if (v.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
            {
                var i = v.IndexOf("Credential=", StringComparison.Ordinal);
                if (i >= 0)
                {
                    source = TokenSource.Aws;
                    var t = v[(i + 11)..];
                    var end = t.IndexOf(',');
                    return (end < 0 ? t : t[..end]).Trim();
                }
            }

            source = TokenSource.Malformed;
            return default;
        }

        var query = request.QueryString.Value;
        if (string.IsNullOrEmpty(query) || query.Length == 1)
        {
            return FromCookie(headers.Cookie, out source);
        }

        var q = query.AsSpan(1);
        while (!q.IsEmpty)
        {
            var amp = q.IndexOf('&');
            var pair = amp < 0 ? q : q[..amp];
            if (pair.StartsWith("access_token=", StringComparison.Ordinal))
            {
                source = TokenSource.Query;
                var value = pair[13..];
                return value.IndexOfAny('%', '+') < 0 ? value : Uri.UnescapeDataString(value.ToString().Replace('+', ' ')).AsSpan();
            }

            q = amp < 0 ? default : q[(amp + 1)..];
        }

        return default;
    }

    /// <summary>The first <c>zprovider</c> cookie of the <c>Cookie</c> header(s).</summary>
    private static ReadOnlySpan<char> FromCookie(Microsoft.Extensions.Primitives.StringValues cookies, out TokenSource source)
    {
        source = TokenSource.None;
        foreach (var header in cookies)
        {
            var c = (header ?? string.Empty).AsSpan();
            while (!c.IsEmpty)
            {
                var semi = c.IndexOf(';');
                var pair = (semi < 0 ? c : c[..semi]).Trim();
                if (pair.StartsWith(ProviderCookie, StringComparison.Ordinal))
                {
                    var value = pair[ProviderCookie.Length..].Trim('"');
                    if (!value.IsEmpty)
                    {
                        source = TokenSource.ProviderCookie;
                        return value;
                    }
                }

                c = semi < 0 ? default : c[(semi + 1)..];
            }
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
