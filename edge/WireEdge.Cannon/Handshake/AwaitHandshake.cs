using System.Globalization;
using WireEdge.Cannon.Protocol;
using WireEdge.Contracts.Ids;
using WireEdge.Zauth;

namespace WireEdge.Cannon.Handshake;

/// <summary>What an <c>/await</c> upgrade request carries, however it arrived (raw connection or HTTP pipeline).</summary>
public readonly record struct AwaitRequest(
    string? Token,
    string? Client,
    bool IsWebSocketUpgrade,
    string? Key,
    string? Version,
    Guid? TrustedUser = null,
    string? TrustedConnection = null,
    string? TrustedClient = null);

/// <summary>The outcome: 101 with the caller's identity, or a Wire error.</summary>
public readonly record struct AwaitCheck(int Status, string Label, string Message, Guid User, string Connection, ClientId? Client, string? AcceptKey)
{
    public bool IsAccepted => Status == 101;

    public static AwaitCheck Error(int status, string label, string message) => new(status, label, message, Guid.Empty, string.Empty, null, null);
}

/// <summary>
/// Validates an <c>/await</c> request: the access token (zauth, verified in-process; or the identity
/// the edge already established in trusted Z-* headers), the optional <c>client</c>, and the
/// websocket handshake headers. Authentication comes first, so a bad token is 401 even on a
/// non-websocket request; a non-websocket request with a good token is 400.
/// </summary>
public sealed class AwaitHandshake(ZauthKeyRing keys, TimeProvider time)
{
    // Uncached: each socket presents its token once, so caching it would only hold ~1 KiB per socket.
    private readonly ZauthVerifier verifier = new(keys, time, cacheSize: 0);

    public AwaitCheck Check(in AwaitRequest request)
    {
        Guid user;
        string connection;
        string? tokenClient = null;
        if (request.TrustedUser is { } tu && !string.IsNullOrEmpty(request.TrustedConnection))
        {
            user = tu;
            connection = request.TrustedConnection;
            tokenClient = request.TrustedClient;
        }
        else
        {
            if (string.IsNullOrEmpty(request.Token))
            {
                return AwaitCheck.Error(401, "invalid-credentials", "Missing access token");
            }

            var result = verifier.Verify(request.Token);
            switch (result.Status)
            {
                case ZauthVerifyStatus.Valid when result.Token is { Type: ZauthTokenType.Access or ZauthTokenType.LegalHoldAccess } t:
                    user = t.User;
                    connection = t.Connection.ToString(CultureInfo.InvariantCulture);
                    tokenClient = t.Client;
                    break;
                case ZauthVerifyStatus.Valid:
                    return AwaitCheck.Error(401, "invalid-credentials", "Invalid zauth token");
                case ZauthVerifyStatus.Expired:
                    return AwaitCheck.Error(401, "invalid-credentials", "Token expired");
                case ZauthVerifyStatus.Falsified:
                    return AwaitCheck.Error(401, "invalid-credentials", "Zauth token falsified");
                default:
                    return AwaitCheck.Error(401, "invalid-credentials", "Invalid zauth token");
            }
        }

        ClientId? client = null;
        var clientText = string.IsNullOrEmpty(request.Client) ? tokenClient : request.Client;
        if (!string.IsNullOrEmpty(clientText))
        {
            if (!ClientId.TryParse(clientText, out var c))
            {
                return AwaitCheck.Error(400, "malformed-request", "Invalid client id");
            }

            client = c;
        }

        if (!request.IsWebSocketUpgrade)
        {
            return AwaitCheck.Error(400, "protocol not supported", "Websocket upgrade required");
        }

        if (!string.Equals(request.Version?.Trim(), "13", StringComparison.Ordinal))
        {
            return AwaitCheck.Error(400, "protocol not supported", "Unsupported websocket version");
        }

        if (request.Key is null || !WebSocketFrames.IsValidKey(request.Key))
        {
            return AwaitCheck.Error(400, "malformed-request", "Invalid Sec-WebSocket-Key");
        }

        return new AwaitCheck(101, string.Empty, string.Empty, user, connection, client, WebSocketFrames.AcceptKey(request.Key));
    }

    /// <summary>True when <paramref name="connectionHeader"/> lists <c>upgrade</c> and <paramref name="upgradeHeader"/> is <c>websocket</c>.</summary>
    public static bool IsUpgrade(ReadOnlySpan<char> connectionHeader, ReadOnlySpan<char> upgradeHeader)
    {
        if (!upgradeHeader.Trim().Equals("websocket", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var range in connectionHeader.Split(','))
        {
            if (connectionHeader[range].Trim().Equals("upgrade", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Extracts the token from <c>Authorization: Bearer ...</c>.</summary>
    public static string? Bearer(string? authorization)
    {
        if (authorization is null)
        {
            return null;
        }

        var a = authorization.AsSpan().Trim();
        return a.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? a[7..].Trim().ToString() : null;
    }
}
