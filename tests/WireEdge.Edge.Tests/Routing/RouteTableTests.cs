using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using System.Diagnostics.Metrics;
using WireEdge.Edge.Limits;
using WireEdge.Edge.Observability;
using WireEdge.Edge.Routing;

namespace WireEdge.Edge.Tests.Routing;

public sealed class RouteTableTests
{
    private static readonly EdgeMetrics Metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
    private static readonly RateLimiter Limiter = new(Options.Create(new EdgeOptions()), TimeProvider.System);

    private static RouteTable Default()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "edge-routes.json"));
        var table = RouteTableCompiler.Compile(json, "default", Limiter.Zones, Metrics, out var errors);
        Assert.Empty(errors);
        return table!;
    }

    private static RouteTable Compile(string routes, out List<string> errors) =>
        RouteTableCompiler.Compile("{\"routes\": [" + routes + "]}", "test", Limiter.Zones, Metrics, out errors)!;

    [Theory]
    [InlineData("/v3/self", "self")]
    [InlineData("/self/name", null)]
    [InlineData("/conversations", "conversations")]
    [InlineData("/conversations/list-ids", null)]
    [InlineData("/v6/conversations/abc/code", "conversations_code")]
    [InlineData("/feature-configs/mls", "feature_configs")]
    [InlineData("/notifications", null)]
    public void DefaultTable_OAuthScopesLikeNginz(string path, string? scope) =>
        Assert.Equal(scope, Default().Match(path)!.OAuthScope);

    [Theory]
    [InlineData("{\"path\": \"/a\", \"upstream\": \"brig\", \"zauth\": false, \"oauth_scope\": \"self\"}")]
    [InlineData("{\"path\": \"/a\", \"upstream\": \"brig\", \"oauth_scope\": \"read:self\"}")]
    [InlineData("{\"path\": \"/a\", \"upstream\": \"brig\", \"oauth_scope\": \"a b\"}")]
    public void OAuthScope_OnlyOneWordOnZauthRoutes(string route)
    {
        Compile(route, out var errors);
        Assert.Contains(errors, e => e.Contains("oauth_scope", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/self", "brig", true)]
    [InlineData("/v5/self", "brig", true)]
    [InlineData("/V5/SELF", "brig", true)]
    [InlineData("/login", "brig", false)]
    [InlineData("/access/logout", "brig", false)]
    [InlineData("/invitations/info", "brig", false)]
    [InlineData("/invitations", "brig", true)]
    [InlineData("/v8/conversations/x/bots", "brig", true)]
    [InlineData("/conversations/x/assets", "cargohold", true)]
    [InlineData("/conversations/code-check", "galley", false)]
    [InlineData("/v8/conversations/example.com/9a7e/proteus/messages", "galley", true)]
    [InlineData("/conversations/list-ids", "galley", true)]
    [InlineData("/notifications", "gundeck", true)]
    [InlineData("/await", "cannon", true)]
    [InlineData("/scim/v2/Users", "spar", false)]
    [InlineData("/scim/auth-tokens", "spar", true)]
    [InlineData("/custom-backend/by-domain/example.com", "galley", false)]
    [InlineData("/properties-values", "brig", true)]
    public void DefaultTable_RoutesLikeNginz(string path, string upstream, bool zauth)
    {
        var route = Default().Match(path);
        Assert.NotNull(route);
        Assert.Equal(upstream, route.Upstream);
        Assert.Equal(zauth, route.Zauth);
    }

    [Theory]
    [InlineData("/self/whatever-else")]
    [InlineData("/custom-backend/by-domain/example.com/extra")]
    [InlineData("/nothing")]
    [InlineData("/v5")]
    public void DefaultTable_UnmatchedPaths_ReturnNull(string path) => Assert.Null(Default().Match(path));

    [Fact]
    public void DefaultTable_Flags()
    {
        var t = Default();
        Assert.Equal(RouteAction.Status, t.Match("/status")!.Action);
        Assert.Null(t.Match("/v5/status"));
        Assert.Equal(RouteAction.Disabled, t.Match("/conversations/last-events")!.Action);
        Assert.True(t.Match("/access")!.AllowCredentials);
        Assert.Empty(t.Match("/access")!.Zones);
        Assert.Equal("reqs_per_addr", Assert.Single(t.Match("/login")!.Zones).Name);
        Assert.Equal("reqs_per_user", Assert.Single(t.Match("/self")!.Zones).Name);
        Assert.Null(t.Match("/assets/v3")!.MaxBody);
        Assert.Equal(40L * 1024 * 1024, t.Match("/conversations/a/b/proteus/messages")!.MaxBody);
        Assert.Equal(512L * 1024, t.Match("/self")!.MaxBody);
        Assert.True(t.Match("/await")!.WebSocket);
    }

    [Fact]
    public void FirstMatchWins_InFileOrder()
    {
        var t = Compile("{\"path\": \"/a/b\", \"upstream\": \"brig\", \"zauth\": false}, {\"path\": \"/a\", \"upstream\": \"galley\"}", out _);
        Assert.Equal("brig", t.Match("/a/b/c")!.Upstream);
        Assert.Equal("galley", t.Match("/a/x")!.Upstream);
        Assert.Equal("galley", t.Match("/abc")!.Upstream);
    }

    [Fact]
    public void EndAnchor_AndRegex_Match()
    {
        var t = Compile("{\"path\": \"/teams$\", \"upstream\": \"galley\"}, {\"path\": \"/teams/[^/]*/size\", \"upstream\": \"brig\"}", out _);
        Assert.NotNull(t.Match("/teams"));
        Assert.Equal("brig", t.Match("/v2/teams/abc/size")!.Upstream);
        Assert.Null(t.Match("/teams/abc"));
    }

    [Theory]
    [InlineData("{\"path\": \"/x(\", \"upstream\": \"brig\"}", "invalid regex")]
    [InlineData("{\"path\": \"/x\", \"upstream\": \"nowhere\"}", "unknown upstream 'nowhere'")]
    [InlineData("{\"path\": \"/x\", \"upstream\": \"brig\"}, {\"path\": \"/x\", \"upstream\": \"galley\"}", "duplicate path '/x'")]
    [InlineData("{\"path\": \"x\", \"upstream\": \"brig\"}", "must start with '/'")]
    [InlineData("{\"path\": \"/x\", \"upstream\": \"brig\", \"zones\": [\"nope\"]}", "unknown rate-limit zone 'nope'")]
    [InlineData("{\"path\": \"/x\", \"upstream\": \"brig\", \"max_body\": \"lots\"}", "max_body 'lots'")]
    [InlineData("{\"path\": \"/x\", \"upstream\": \"brig\", \"zauth\": false, \"zones\": [\"reqs_per_user\"]}", "need a zauth route")]
    public void InvalidEntries_AreReported_WithTheirPosition(string routes, string expected)
    {
        var table = Compile(routes, out var errors);
        Assert.Null(table);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal) && e.Contains("route #", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[^/]*/knock", "/knock")]
    [InlineData("([^/]*)/([^/]*)/proteus/messages", "/proteus/messages")]
    [InlineData("[^/]*/members(.*)", "/members")]
    [InlineData(".json$", "json")]
    [InlineData("(.*)", null)]
    [InlineData("([^/]*)$", null)]
    [InlineData("x/(a|b)/long", null)]
    [InlineData("[^/]*/abcd+", "/abc")]
    public void RequiredLiteral_IsOnlyWhatEveryMatchContains(string rest, string? expected) =>
        Assert.Equal(expected, RouteTableCompiler.RequiredLiteral(rest));
}
