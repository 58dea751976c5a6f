namespace WireEdge.Zauth.Tests.Acl;

public sealed class ZauthAclTests
{
    private const string Uuid = "4ee8e8b4-2d0f-4c9e-a8cf-6ab0e3c5f7a1";

    [Theory]
    [InlineData("/self")]
    [InlineData("/v6/conversations")]
    [InlineData("/conversations/" + Uuid + "/otr/messages")]
    [InlineData("/notifications")]
    [InlineData("/await")]
    [InlineData("/providers")] // not /provider
    [InlineData("/bot")] // /bot alone is not bot API
    [InlineData("/bot/conversation/x")]
    [InlineData("/")]
    public void Default_AccessToken_AllowedOutsideBlacklist(string path) =>
        Assert.True(ZauthAcl.Default.IsAllowed(ZauthTokenType.Access, path));

    [Theory]
    [InlineData("/provider")]
    [InlineData("/provider/")]
    [InlineData("//provider//services/")]
    [InlineData("/v3/provider/services")]
    [InlineData("/bot/self")]
    [InlineData("/bot/client/prekeys")]
    [InlineData("/bot/users")]
    [InlineData("/bot/assets/xyz")]
    [InlineData("/bot/conversation")]
    [InlineData("/v4/bot/messages")]
    [InlineData("/i/users")]
    [InlineData("/v2/i/status")]
    public void Default_AccessToken_DeniedOnBlacklist(string path) =>
        Assert.False(ZauthAcl.Default.IsAllowed(ZauthTokenType.Access, path));

    [Theory]
    [InlineData("/bot/self", true)]
    [InlineData("/bot/messages", true)]
    [InlineData("/v4/bot/conversation", true)]
    [InlineData("/bot/client/prekeys", true)]
    [InlineData("/conversations", false)]
    [InlineData("/self", false)]
    [InlineData("/bot", false)]
    [InlineData("/provider", false)]
    public void Default_BotToken_OnlyBotApi(string path, bool allowed) =>
        Assert.Equal(allowed, ZauthAcl.Default.IsAllowed(ZauthTokenType.Bot, path));

    [Theory]
    [InlineData("/provider", true)]
    [InlineData("/v7/provider/services/abc", true)]
    [InlineData("/providers", false)]
    [InlineData("/self", false)]
    public void Default_ProviderToken_OnlyProviderApi(string path, bool allowed) =>
        Assert.Equal(allowed, ZauthAcl.Default.IsAllowed(ZauthTokenType.Provider, path));

    [Theory]
    [InlineData("/notifications", true)]
    [InlineData("/v6/notifications/", true)]
    [InlineData("/assets/v3/abc", true)]
    [InlineData("/users", true)]
    [InlineData("/users/" + Uuid + "/prekeys", true)]
    [InlineData("/legalhold/conversations/x", true)]
    [InlineData("/conversations/" + Uuid, true)]
    [InlineData("/conversations/" + Uuid + "/otr/messages", false)]
    [InlineData("/conversations", false)]
    [InlineData("/self", false)]
    [InlineData("/notifications/x", false)]
    public void Default_LegalHoldAccessToken_Whitelist(string path, bool allowed) =>
        Assert.Equal(allowed, ZauthAcl.Default.IsAllowed(ZauthTokenType.LegalHoldAccess, path));

    [Theory]
    [InlineData(ZauthTokenType.User, "/self")]
    [InlineData(ZauthTokenType.User, "/access")]
    [InlineData(ZauthTokenType.LegalHoldUser, "/notifications")]
    [InlineData(ZauthTokenType.LegalHoldUser, "/")]
    public void Default_UnlistedTypes_DeniedEverywhere(ZauthTokenType type, string path) =>
        Assert.False(ZauthAcl.Default.IsAllowed(type, path));

    [Fact]
    public void Parse_Globs_StarIsOneSegmentDoubleStarIsAnything()
    {
        var acl = ZauthAcl.Parse("""
            # comment
            a (whitelist (path "/foo") (path "/x/y/") (path "/i/**") (path "/j/*") (path "/k/v*") (path "/a//c")
                         (regex "(/v[0-9]+)?/notifications"))
            """);
        bool A(string p) => acl.IsAllowed(ZauthTokenType.Access, p);

        Assert.True(A("/foo"));
        Assert.True(A("/foo/"));
        Assert.True(A("/x/y"));
        Assert.True(A("/a/c"));
        Assert.False(A("/a"));
        Assert.True(A("/i/foo"));
        Assert.True(A("/i/foo/zoo"));
        Assert.True(A("/j/foo"));
        Assert.False(A("/j/foo/zoo"));
        Assert.False(A("/j/"));
        Assert.True(A("/k/v1"));
        Assert.False(A("/k/x"));
        Assert.True(A("/notifications"));
        Assert.True(A("/v33/notifications"));
        Assert.False(A("/versions/notifications"));
        Assert.False(A("/foo/bar"));
        Assert.False(A("/FOO"));
    }

    [Fact]
    public void Parse_EmptyLists_BlacklistAllowsAllWhitelistNothing()
    {
        var acl = ZauthAcl.Parse("""
            a (blacklist ())
            u (whitelist ())
            b (blacklist)
            x (whitelist (path "/anything"))
            """);

        Assert.True(acl.IsAllowed(ZauthTokenType.Access, "/everywhere"));
        Assert.True(acl.IsAllowed(ZauthTokenType.Bot, "/"));
        Assert.False(acl.IsAllowed(ZauthTokenType.User, "/nowhere"));
        Assert.False(acl.IsAllowed(ZauthTokenType.Provider, "/anything"));
    }

    [Fact]
    public void Parse_GlobWithRegexCharacters_MatchesLiterally()
    {
        var acl = ZauthAcl.Parse("""a (whitelist (path "/a.b/(c)+"))""");

        Assert.True(acl.IsAllowed(ZauthTokenType.Access, "/a.b/(c)+"));
        Assert.False(acl.IsAllowed(ZauthTokenType.Access, "/aXb/cc"));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a (greylist (path \"/x\"))")]
    [InlineData("a (whitelist (file \"/x\"))")]
    [InlineData("a (whitelist (path /x))")]
    [InlineData("a (whitelist (path \"/x")]
    [InlineData("a (whitelist (regex \"(\"))")]
    public void Parse_Malformed_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => ZauthAcl.Parse(text));

    [Fact]
    public void IsAllowed_LongPathsAndNewlines_AreHandled()
    {
        var longPath = "/conversations/" + new string('x', 5000);

        Assert.True(ZauthAcl.Default.IsAllowed(ZauthTokenType.Access, longPath));
        Assert.False(ZauthAcl.Default.IsAllowed(ZauthTokenType.Bot, longPath));
        Assert.False(ZauthAcl.Default.IsAllowed(ZauthTokenType.LegalHoldAccess, "/notifications\n"));
        Assert.False(ZauthAcl.Default.IsAllowed((ZauthTokenType)42, "/self"));
    }

    [Fact]
    public void DefaultText_ParsesToTheDefault()
    {
        var parsed = ZauthAcl.Parse(ZauthAcl.DefaultText);

        Assert.False(parsed.IsAllowed(ZauthTokenType.Access, "/bot/self"));
        Assert.True(parsed.IsAllowed(ZauthTokenType.Bot, "/bot/self"));
    }
}
