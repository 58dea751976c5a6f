using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Primitives;
using WireEdge.Contracts.Identity;
using WireEdge.Zauth;

namespace WireEdge.Edge.Auth;

/// <summary>
/// The trusted headers derived from one verified token, rendered once (strings for in-process
/// services, one byte block for the HTTP/1.1 forwarder) and cached per verified token object.
/// </summary>
public sealed class EdgeIdentity
{
    private static readonly ConditionalWeakTable<ZauthToken, EdgeIdentity> Cache = [];

    private EdgeIdentity(ZauthToken token)
    {
        Token = token;
        Timestamp = token.Expires.ToString(CultureInfo.InvariantCulture);
        Type = token.Type.HeaderName();
        if (token.Type.HasUser())
        {
            User = token.User.ToString("D");
        }

        if (token.Client is { Length: > 0 } c)
        {
            Client = c;
        }

        if (token.Type is ZauthTokenType.Access or ZauthTokenType.LegalHoldAccess)
        {
            Connection = token.Connection.ToString(CultureInfo.InvariantCulture);
        }

        if (token.Provider is { } p)
        {
            Provider = p.ToString("D");
        }

        if (token.Bot is { } b)
        {
            Bot = b.ToString("D");
        }

        if (token.Conversation is { } cv)
        {
            Conversation = cv.ToString("D");
        }

        RateUser = token.Type.HasUser() ? token.User : token.Bot ?? token.Provider ?? Guid.Empty;
        HeaderBlock = Render();
    }

    /// <summary>An OAuth bearer (JWT) identity: only <c>Z-User</c> (nginz sets no type, client or connection for OAuth).</summary>
    private EdgeIdentity(Guid oauthUser)
    {
        User = oauthUser.ToString("D");
        RateUser = oauthUser;
        HeaderBlock = Render();
    }

    /// <summary>The verified zauth token, or null for an OAuth identity.</summary>
    public ZauthToken? Token { get; }

    /// <summary><c>Z-Timestamp</c>: the token's <c>d=</c> (expiry, POSIX seconds; -1 for bot tokens).</summary>
    public StringValues Timestamp { get; }

    public StringValues Type { get; }

    public StringValues User { get; }

    public StringValues Client { get; }

    public StringValues Connection { get; }

    public StringValues Provider { get; }

    public StringValues Bot { get; }

    public StringValues Conversation { get; }

    /// <summary>The key of the per-user limits: the user, else the bot or provider.</summary>
    public Guid RateUser { get; }

    /// <summary><c>Z-Type: ...\r\nZ-User: ...\r\n...</c> in Latin-1.</summary>
    internal byte[] HeaderBlock { get; }

    /// <summary>The identity of a verified token (rendered once per token object).</summary>
    public static EdgeIdentity For(ZauthToken token) => Cache.GetValue(token, static t => new EdgeIdentity(t));

    /// <summary>The identity of a verified OAuth token (the caller caches it with the token).</summary>
    internal static EdgeIdentity ForOAuth(Guid user) => new(user);

    /// <summary>Sets the trusted headers on a request that stays in this process or goes through YARP.</summary>
    public void Apply(Microsoft.AspNetCore.Http.IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Set(headers, ZHeaders.Type, Type);
        Set(headers, ZHeaders.User, User);
        Set(headers, ZHeaders.Client, Client);
        Set(headers, ZHeaders.Connection, Connection);
        Set(headers, ZHeaders.Provider, Provider);
        Set(headers, ZHeaders.Bot, Bot);
        Set(headers, ZHeaders.Conversation, Conversation);
        Set(headers, ZHeaders.Timestamp, Timestamp);
    }

    private byte[] Render()
    {
        var sb = new StringBuilder();
        Append(sb, ZHeaders.Type, Type);
        Append(sb, ZHeaders.User, User);
        Append(sb, ZHeaders.Client, Client);
        Append(sb, ZHeaders.Connection, Connection);
        Append(sb, ZHeaders.Provider, Provider);
        Append(sb, ZHeaders.Bot, Bot);
        Append(sb, ZHeaders.Conversation, Conversation);
        Append(sb, ZHeaders.Timestamp, Timestamp);
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    private static void Set(Microsoft.AspNetCore.Http.IHeaderDictionary headers, string name, StringValues value)
    {
        if (!StringValues.IsNullOrEmpty(value))
        {
            headers[name] = value;
        }
    }

    private static void Append(StringBuilder sb, string name, StringValues value)
    {
        if (!StringValues.IsNullOrEmpty(value))
        {
            sb.Append(name).Append(": ").Append(value.ToString()).Append("\r\n");
        }
    }
}
