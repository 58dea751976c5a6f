using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WireEdge.Brig.Configuration;
using WireEdge.Brig.Events;
using WireEdge.Zauth;

namespace WireEdge.Brig.Auth;

/// <summary>A cookie just issued: its row and the signed user token (the cookie value).</summary>
public sealed record IssuedCookie(CookieRow Row, string Token);

/// <summary>An access token just minted.</summary>
public sealed record IssuedAccess(string Token, int ExpiresIn);

/// <summary>Issues <c>zuid</c> cookies (user tokens, stored rows) and access tokens (FACTS.md §1.3–1.4).</summary>
public sealed class CookieService(ICookieStore cookies, ZauthSigner signer, IOptions<BrigOptions> options, TimeProvider time, UserEvents events)
{
    private readonly BrigOptions settings = options?.Value ?? throw new ArgumentNullException(nameof(options));

    public BrigOptions Settings => settings;

    /// <summary>
    /// Issues a new cookie. With <paramref name="revokeSameLabel"/>, the user's cookies with the same
    /// label are revoked first (a new login from the same device) and the user is told to refresh.
    /// Keeps at most <see cref="BrigOptions.CookieLimit"/> cookies per user.
    /// </summary>
    public async Task<IssuedCookie> NewCookieAsync(Guid user, bool persistent, string? label, string? client, bool revokeSameLabel, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var nowSeconds = now.ToUnixTimeSeconds();
        var expires = DateTimeOffset.FromUnixTimeSeconds(nowSeconds + (persistent ? settings.UserTokenTimeoutSeconds : settings.SessionTokenTimeoutSeconds));
        if (revokeSameLabel && !string.IsNullOrEmpty(label)
            && await cookies.DeleteByLabelsAsync(user, [label], cancellationToken).ConfigureAwait(false) > 0)
        {
            await events.PushToSelfAsync(user, null, w => w.WriteString("type", "user.session-refresh-suggested"), cancellationToken).ConfigureAwait(false);
        }

        var row = new CookieRow
        {
            UserId = user,
            Id = RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue) & 0xFFFFFFFFL,
            Persistent = persistent,
            Created = now.ToUnixTimeMilliseconds(),
            Expires = expires.ToUnixTimeMilliseconds(),
            Label = string.IsNullOrEmpty(label) ? null : label,
            Client = client,
        };
        await cookies.InsertAsync(row, cancellationToken).ConfigureAwait(false);
        await cookies.EvictAsync(user, settings.CookieLimit, row.Created, cancellationToken).ConfigureAwait(false);
        return new IssuedCookie(row, TokenFor(row));
    }

    /// <summary>The user token of a stored cookie (Ed25519 signatures are deterministic, so this is the token issued for it).</summary>
    public string TokenFor(CookieRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return signer.CreateUser(row.UserId, (uint)row.Id, row.Client, !row.Persistent, DateTimeOffset.FromUnixTimeMilliseconds(row.Expires));
    }

    /// <summary>Mints an access token for <paramref name="connection"/> (a fresh random one when null).</summary>
    public IssuedAccess NewAccessToken(Guid user, string? client, ulong? connection)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds() + settings.AccessTokenTimeoutSeconds);
        var c = connection ?? RandomConnection();
        return new IssuedAccess(signer.CreateAccess(user, client, c, expires), settings.AccessTokenTimeoutSeconds);
    }

    /// <summary>The <c>Set-Cookie</c> header value: <c>Expires</c> only for persistent cookies, <c>Secure</c> unless configured insecure.</summary>
    public string SetCookieHeader(IssuedCookie cookie)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        var expires = cookie.Row.Persistent
            ? "; Expires=" + DateTimeOffset.FromUnixTimeMilliseconds(cookie.Row.Expires).UtcDateTime.ToString("R", CultureInfo.InvariantCulture)
            : string.Empty;
        var secure = settings.CookieInsecure ? string.Empty : "; Secure";
        return $"{TokenSources.CookieName}={cookie.Token}; Path=/access{expires}; HttpOnly{secure}";
    }

    private static ulong RandomConnection()
    {
        Span<byte> b = stackalloc byte[8];
        RandomNumberGenerator.Fill(b);
        return BitConverter.ToUInt64(b);
    }
}
