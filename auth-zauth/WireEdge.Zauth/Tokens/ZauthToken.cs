namespace WireEdge.Zauth;

/// <summary>Parsed claims of a zauth token (immutable). Which members are meaningful depends on <see cref="Type"/>.</summary>
public sealed class ZauthToken
{
    internal ZauthToken(
        ZauthTokenType type,
        int version,
        int keyIndex,
        long expires,
        string tag,
        Guid user,
        string? client,
        ulong connection,
        uint random,
        Guid? provider,
        Guid? bot,
        Guid? conversation)
    {
        Type = type;
        Version = version;
        KeyIndex = keyIndex;
        Expires = expires;
        Tag = tag;
        User = user;
        Client = client;
        Connection = connection;
        Random = random;
        Provider = provider;
        Bot = bot;
        Conversation = conversation;
    }

    public ZauthTokenType Type { get; }

    /// <summary><c>v=</c>, always 1.</summary>
    public int Version { get; }

    /// <summary><c>k=</c>, the 1-based index of the key that signed the token.</summary>
    public int KeyIndex { get; }

    /// <summary><c>d=</c>, expiry in POSIX seconds; -1 = never (bot tokens).</summary>
    public long Expires { get; }

    /// <summary><c>l=</c>: <c>"s"</c> for a session user token, <c>""</c> otherwise.</summary>
    public string Tag { get; }

    public bool IsSession => Tag == "s";

    /// <summary><c>u=</c> of access, user and legal-hold tokens; <see cref="Guid.Empty"/> for bot and provider tokens.</summary>
    public Guid User { get; }

    /// <summary><c>i=</c>, the client id (hex) exactly as in the token, or null.</summary>
    public string? Client { get; }

    /// <summary><c>c=</c> of access tokens (the connection; becomes <c>Z-Connection</c> in decimal).</summary>
    public ulong Connection { get; }

    /// <summary><c>r=</c> of user tokens (the cookie id).</summary>
    public uint Random { get; }

    /// <summary><c>p=</c> of bot and provider tokens.</summary>
    public Guid? Provider { get; }

    /// <summary><c>b=</c> of bot tokens.</summary>
    public Guid? Bot { get; }

    /// <summary><c>c=</c> of bot tokens.</summary>
    public Guid? Conversation { get; }

    /// <summary>Expired iff <c>d != -1 &amp;&amp; d &lt; floor(now)</c> (wire-server's rule).</summary>
    public bool IsExpiredAt(long nowSeconds) => Expires != -1 && Expires < nowSeconds;

    /// <summary>The expiry as a time, or null for tokens that never expire.</summary>
    public DateTimeOffset? ExpiresAt => Expires == -1 ? null : DateTimeOffset.FromUnixTimeSeconds(Expires);
}
