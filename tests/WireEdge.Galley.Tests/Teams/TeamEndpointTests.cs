using System.Net;
using WireEdge.Contracts.Services;
using WireEdge.Galley.Storage;
using WireEdge.Galley.Teams;
using WireEdge.Galley.Tests.Messaging;
using WireEdge.Galley.Tests.Support;

namespace WireEdge.Galley.Tests.Teams;

public abstract class TeamEndpointTests(GalleyHostFixture fixture)
{
    private GalleyHost H => fixture.Host;

    private async Task<(Guid Team, Guid Owner)> CreateTeamAsync()
    {
        var owner = H.Brig.AddUser();
        var team = Guid.NewGuid();
        await H.Service<IGalleyInternal>().CreateBindingTeamAsync(team, owner, "Acme", "default", "3-1-icon");
        return (team, owner);
    }

    [Fact]
    public async Task GetTeam_Member200_NonMember403_Unknown404()
    {
        var (team, owner) = await CreateTeamAsync();

        var ok = await H.SendAsync(HttpMethod.Get, $"/v8/teams/{team}", owner);
        var stranger = await H.SendAsync(HttpMethod.Get, $"/v8/teams/{team}", H.Brig.AddUser());
        var unknown = await H.SendAsync(HttpMethod.Get, $"/v8/teams/{Guid.NewGuid()}", owner);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await GalleyHost.JsonAsync(ok);
        Assert.Equal(team, body.GetProperty("id").GetGuid());
        Assert.Equal(owner, body.GetProperty("creator").GetGuid());
        Assert.Equal("Acme", body.GetProperty("name").GetString());
        Assert.Equal("default", body.GetProperty("icon").GetString());
        Assert.Equal("3-1-icon", body.GetProperty("icon_key").GetString());
        Assert.True(body.GetProperty("binding").GetBoolean());
        await ProteusMessageTests.AssertErrorAsync(stranger, HttpStatusCode.Forbidden, "no-team-member");
        await ProteusMessageTests.AssertErrorAsync(unknown, HttpStatusCode.NotFound, "no-team");
    }

    [Fact]
    public async Task Members_ArePagedWithCamelCaseFields()
    {
        var (team, owner) = await CreateTeamAsync();
        var store = H.Service<ITeamStore>();
        var extra = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        foreach (var u in extra)
        {
            await store.CreateAsync(new TeamRecord(team, owner, "Acme", "default", null, true), new TeamMemberRecord(u, 1025, 1025, owner, 1_700_000_000_000));
        }

        var seen = new List<Guid>();
        string? state = null;
        var pages = 0;
        while (true)
        {
            var url = $"/v8/teams/{team}/members?maxResults=2" + (state is null ? string.Empty : "&pagingState=" + Uri.EscapeDataString(state));
            var page = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Get, url, owner));
            pages++;
            foreach (var m in page.GetProperty("members").EnumerateArray())
            {
                seen.Add(m.GetProperty("user").GetGuid());
                Assert.True(m.GetProperty("permissions").TryGetProperty("self", out _));
                Assert.True(m.GetProperty("permissions").TryGetProperty("copy", out _));
                Assert.True(m.TryGetProperty("created_by", out _));
                Assert.True(m.TryGetProperty("created_at", out _));
            }

            state = page.GetProperty("pagingState").GetString();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                break;
            }
        }

        Assert.Equal(3, pages);
        Assert.Equal(extra.Append(owner).Order(), seen.Order());
        var full = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Get, $"/v8/teams/{team}/members", owner));
        var ownerEntry = full.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("user").GetGuid() == owner);
        Assert.Equal(8191, ownerEntry.GetProperty("permissions").GetProperty("self").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, (await H.SendAsync(HttpMethod.Get, $"/v8/teams/{team}/members?maxResults=0", owner)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await H.SendAsync(HttpMethod.Get, $"/v8/teams/{team}/members?maxResults=abc", owner)).StatusCode);
        await ProteusMessageTests.AssertErrorAsync(await H.SendAsync(HttpMethod.Get, $"/v8/teams/{team}/members", H.Brig.AddUser()), HttpStatusCode.Forbidden, "no-team-member");
    }

    [Fact]
    public async Task TeamConversation_ListedAndTeamMembersNeedNoConnection()
    {
        var (team, owner) = await CreateTeamAsync();
        var colleague = Guid.NewGuid();
        await H.Service<ITeamStore>().CreateAsync(new TeamRecord(team, owner, "Acme", "default", null, true), new TeamMemberRecord(colleague, 1025, 1025, owner, null));

        var created = await H.SendAsync(HttpMethod.Post, "/v8/conversations", owner, new
        {
            qualified_users = new[] { new { id = colleague, domain = GalleyHost.Domain } },
            team = new { teamid = team, managed = false },
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var conv = await GalleyHost.JsonAsync(created);
        Assert.Equal(team, conv.GetProperty("team").GetGuid());
        var list = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Get, $"/v8/teams/{team}/conversations", colleague));
        Assert.Equal(conv.GetProperty("qualified_id").GetProperty("id").GetGuid(), list.GetProperty("conversations")[0].GetProperty("conversation").GetGuid());

        var outsider = H.Brig.AddUser();
        var denied = await H.SendAsync(HttpMethod.Post, "/v8/conversations", outsider, new { team = new { teamid = team, managed = false } });
        await ProteusMessageTests.AssertErrorAsync(denied, HttpStatusCode.Forbidden, "no-team-member");
    }

    [Fact]
    public async Task FeatureConfigs_ListDefaultFeaturesWithStatusLockStatusAndTtl()
    {
        var response = await H.SendAsync(HttpMethod.Get, "/v8/feature-configs", H.Brig.AddUser());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await GalleyHost.JsonAsync(response);
        foreach (var name in new[] { "appLock", "classifiedDomains", "conferenceCalling", "conversationGuestLinks", "digitalSignatures", "enforceFileDownloadLocation", "exposeInvitationURLsToTeamAdmin", "fileSharing", "legalhold", "mls", "mlsE2EId", "mlsMigration", "outlookCalIntegration", "searchVisibility", "searchVisibilityInbound", "selfDeletingMessages", "sndFactorPasswordChallenge", "sso", "validateSAMLemails", "limitedEventFanout" })
        {
            var f = body.GetProperty(name);
            Assert.Contains(f.GetProperty("status").GetString(), new[] { "enabled", "disabled" });
            Assert.Contains(f.GetProperty("lockStatus").GetString(), new[] { "locked", "unlocked" });
            Assert.Equal("unlimited", f.GetProperty("ttl").GetString());
        }

        Assert.Equal("proteus", body.GetProperty("mls").GetProperty("config").GetProperty("defaultProtocol").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await H.Host.Internal.GetAsync("/v8/feature-configs")).StatusCode);
    }
}

public sealed class TeamEndpointSqliteTests(SqliteGalleyFixture fixture) : TeamEndpointTests(fixture), IClassFixture<SqliteGalleyFixture>;

public sealed class TeamEndpointPostgresTests(PostgresGalleyFixture fixture) : TeamEndpointTests(fixture), IClassFixture<PostgresGalleyFixture>;
