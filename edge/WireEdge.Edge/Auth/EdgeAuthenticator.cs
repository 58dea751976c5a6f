using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;
using WireEdge.Edge.Routing;
using WireEdge.Zauth;

namespace WireEdge.Edge.Auth;

/// <summary>
/// Authentication of a request on a zauth route, as nginz: find the token (<see cref="TokenReader"/>),
/// verify it (cached) and check the ACL; a bearer token that is no zauth token goes to the OAuth
/// fallback when the route has an <c>oauth_scope</c>. Returns null and the identity on success, else the
/// Wire error to answer with (401 no/bad token, 403 ACL or scope).
/// </summary>
public sealed class EdgeAuthenticator(ZauthVerifier verifier, ZauthAcl acl, OAuthVerifier oauth)
{
    public WireError? Authenticate(HttpRequest request, EdgeRoute route, string path, out EdgeIdentity? identity)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(path);
        identity = null;
        var token = TokenReader.Find(request, out var source);
        if (token.IsEmpty)
        {
            return source == TokenSource.Malformed ? EdgeErrors.InvalidToken : EdgeErrors.MissingToken;
        }

        var result = verifier.Verify(token);
        if (result.Status == ZauthVerifyStatus.Valid && result.Token is not null)
        {
            if (!acl.IsAllowed(result.Token.Type, path))
            {
                return EdgeErrors.AccessDenied;
            }

            identity = EdgeIdentity.For(result.Token);
            return null;
        }

        if (result.Status == ZauthVerifyStatus.Invalid && source == TokenSource.Bearer && route.OAuthScope is { } scope && oauth.Enabled)
        {
            return oauth.Verify(token, scope, request.Method, out identity) switch
            {
                OAuthStatus.Valid => null,
                OAuthStatus.InsufficientScope => EdgeErrors.InsufficientScope,
                _ => EdgeErrors.InvalidToken,
            };
        }

        return result.Status == ZauthVerifyStatus.Expired ? EdgeErrors.Expired : EdgeErrors.InvalidToken;
    }
}
