using System.Net;
using WireEdge.Brig.Tests.Accounts;

namespace WireEdge.Brig.Tests.Search;

public abstract class SearchTests(BrigHostFixture fixture)
{
    private BrigApi Api => fixture.Api;

    [Fact]
    public async Task Search_ByNamePrefixOrWord_FindsUsers_ButNotSelf()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var searcher = await Api.RegisterAsync(name: $"Searcher {tag}");
        var target = await Api.RegisterAsync(name: $"Quentin {tag}");
        var handle = "q" + tag;
        await Api.SetHandleAsync(target, handle);

        var byWord = await Api.SendAsync(HttpMethod.Get, $"/v8/search/contacts?q={tag}", token: searcher.Token);

        Assert.Equal(HttpStatusCode.OK, byWord.StatusCode);
        var body = await BrigApi.BodyAsync(byWord);
        var doc = Assert.Single(body["documents"]!.AsArray())!;
        Assert.Equal(target.Id.ToString(), (string)doc["id"]!);
        Assert.Equal(target.Id.ToString(), (string)doc["qualified_id"]!["id"]!);
        Assert.Equal(BrigApi.Domain, (string)doc["qualified_id"]!["domain"]!);
        Assert.Equal($"Quentin {tag}", (string)doc["name"]!);
        Assert.Equal(handle, (string)doc["handle"]!);
        Assert.Equal(0, (int)doc["accent_id"]!);
        Assert.Equal("regular", (string)doc["type"]!);
        Assert.Equal(1, (int)body["found"]!);
        Assert.Equal(1, (int)body["returned"]!);
        Assert.False((bool)body["has_more"]!);
        Assert.Equal("full_search", (string)body["search_policy"]!);
        Assert.True((int)body["took"]! >= 0);
    }

    [Fact]
    public async Task Search_ByExactHandle_PutsItFirst_AndSizeLimitsResults()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var searcher = await Api.RegisterAsync();
        var a = await Api.RegisterAsync(name: $"{tag} one");
        var b = await Api.RegisterAsync(name: $"{tag} two");
        await Api.SetHandleAsync(b, tag);

        var r = await Api.SendAsync(HttpMethod.Get, $"/v8/search/contacts?q=@{tag}&size=1", token: searcher.Token);

        var body = await BrigApi.BodyAsync(r);
        var doc = Assert.Single(body["documents"]!.AsArray())!;
        Assert.Equal(b.Id.ToString(), (string)doc["id"]!);
        Assert.True((bool)body["has_more"]!);
        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public async Task Search_ForeignDomainOrNoMatch_ReturnsNothing()
    {
        var searcher = await Api.RegisterAsync();

        var foreign = await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/search/contacts?q=alice&domain=elsewhere.example.org", token: searcher.Token));
        var none = await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, $"/v8/search/contacts?q=zz{Guid.NewGuid():N}", token: searcher.Token));

        Assert.Empty(foreign["documents"]!.AsArray());
        Assert.Empty(none["documents"]!.AsArray());
    }

    [Fact]
    public async Task Search_WithWildcardCharacters_MatchesLiterally()
    {
        var searcher = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Get, "/v8/search/contacts?q=%25", token: searcher.Token);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Empty((await BrigApi.BodyAsync(r))["documents"]!.AsArray());
    }

    [Theory]
    [InlineData("/v8/search/contacts")]
    [InlineData("/v8/search/contacts?q=a&size=0")]
    [InlineData("/v8/search/contacts?q=a&size=501")]
    [InlineData("/v8/search/contacts?q=a&size=many")]
    public async Task Search_WithInvalidQuery_Returns400(string path)
    {
        var searcher = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Get, path, token: searcher.Token);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, "bad-request");
    }
}

public sealed class SearchSqliteTests(SqliteBrigHost f) : SearchTests(f), IClassFixture<SqliteBrigHost>;

public sealed class SearchPostgresTests(PostgresBrigHost f) : SearchTests(f), IClassFixture<PostgresBrigHost>;
