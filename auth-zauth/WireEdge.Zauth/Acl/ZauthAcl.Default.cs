namespace WireEdge.Zauth;

public sealed partial class ZauthAcl
{
    // The ACL a Wire deployment ships (FACTS.md §1.5). Access tokens: everything except the provider API,
    // the bot API and internal routes. The bot API is /bot/<anything> except /bot/conversation/... and the
    // proper prefixes of "conversation" (spelled out one character at a time, as nginz does, because its
    // regex engine has no look-ahead); /bot/conversation itself is bot API. Bot tokens: only the bot API.
    // Provider tokens: only /provider. Legal-hold access tokens: notifications, assets, users and single
    // conversations. User tokens (u, lu) are not listed, so they are denied everywhere.
    private const string BotApi = """
        (regex "(/v[0-9]+)?/bot/[^c].*")
        (regex "(/v[0-9]+)?/bot/c[^o].*")
        (regex "(/v[0-9]+)?/bot/co[^n].*")
        (regex "(/v[0-9]+)?/bot/con[^v].*")
        (regex "(/v[0-9]+)?/bot/conv[^e].*")
        (regex "(/v[0-9]+)?/bot/conve[^r].*")
        (regex "(/v[0-9]+)?/bot/conver[^s].*")
        (regex "(/v[0-9]+)?/bot/convers[^a].*")
        (regex "(/v[0-9]+)?/bot/conversa[^t].*")
        (regex "(/v[0-9]+)?/bot/conversat[^i].*")
        (regex "(/v[0-9]+)?/bot/conversati[^o].*")
        (regex "(/v[0-9]+)?/bot/conversatio[^n].*")
        (regex "(/v[0-9]+)?/bot/conversation[^/].+")
        (regex "(/v[0-9]+)?/bot/conversation$")
        """;

    /// <summary>The text of <see cref="Default"/> in nginz's ACL format.</summary>
    public const string DefaultText = $$"""
        a (blacklist
        (regex "(/v[0-9]+)?/provider(/.*)?")
        {{BotApi}}
        (regex "(/v[0-9]+)?/i/.*"))

        b (whitelist
        {{BotApi}})

        p (whitelist (regex "(/v[0-9]+)?/provider(/.*)?"))

        la (whitelist
        (regex "(/v[0-9]+)?/notifications")
        (regex "(/v[0-9]+)?/assets/v3/.*")
        (regex "(/v[0-9]+)?/users(/.*)?")
        (regex "(/v[0-9]+)?/legalhold/conversations/[^/]+")
        (regex "(/v[0-9]+)?/conversations/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"))
        """;
}
