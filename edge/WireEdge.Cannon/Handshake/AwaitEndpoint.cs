using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using WireEdge.Cannon.Sockets;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Identity;

namespace WireEdge.Cannon.Handshake;

/// <summary>
/// <c>GET /await</c> through the HTTP pipeline: answers every request the connection-level path
/// declined (missing/forged/expired token → 401, not a websocket → 400, draining → 503) and
/// upgrades valid requests that reach it (e.g. a later request on a kept-alive connection).
/// Identity comes from the Z-* headers when the edge already verified the token, else from the token.
/// </summary>
internal static class AwaitEndpoint
{
    public static async Task HandleAsync(HttpContext http, AwaitHandshake handshake, CannonHub hub)
    {
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        var headers = http.Request.Headers;
        var query = http.Request.Query;
        var z = http.ZIdentity();
        var token = query["access_token"].ToString();
        var request = new AwaitRequest(
            string.IsNullOrEmpty(token) ? AwaitHandshake.Bearer(headers.Authorization.ToString()) : token,
            query["client"].ToString(),
            upgrade is { IsUpgradableRequest: true } && AwaitHandshake.IsUpgrade(headers.Connection.ToString(), headers.Upgrade.ToString()),
            headers.SecWebSocketKey.ToString(),
            headers.SecWebSocketVersion.ToString(),
            z?.Connection is null ? null : z.User,
            z?.Connection,
            z?.Client?.ToString());
        var check = handshake.Check(request);
        if (!check.IsAccepted)
        {
            hub.Metrics.Rejected(check.Status);
            await WireErrors.Of(check.Status, check.Label, check.Message).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var socket = new StreamSocket(hub, check.User, check.Connection, check.Client, http);
        if (!await hub.AcceptAsync(socket, http.RequestAborted).ConfigureAwait(false))
        {
            hub.Metrics.Rejected(503);
            await WireErrors.Of(503, "server-error", "Cannot accept websockets now").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        http.Response.Headers[HeaderNames.Upgrade] = "websocket";
        http.Response.Headers[HeaderNames.Connection] = "Upgrade";
        http.Response.Headers[HeaderNames.SecWebSocketAccept] = check.AcceptKey;
        var stream = await upgrade!.UpgradeAsync().ConfigureAwait(false);
        socket.Attach(stream);
        socket.Start();
        await socket.RunAsync().ConfigureAwait(false);
    }
}
