using System.Net;
using System.Text.Json;
using WireEdge.Galley.Tests.Messaging;
using WireEdge.Galley.Tests.Support;

namespace WireEdge.Galley.Tests.Conversations;

public abstract class ConversationEndpointTests(GalleyHostFixture fixture)
{
    private GalleyHost H => fixture.Host;

    [Fact]
    public async Task Create_WithConnectedUsers_Returns201ConversationWithLocationAndFailedToAdd()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        H.Brig.Connect(a, b);

        var response = await H.SendAsync(HttpMethod.Post, "/v8/conversations", a, new
        {
            name = "team chat",
            qualified_users = new[] { new { id = b, domain = GalleyHost.Domain } },
            protocol = "proteus",
            conversation_role = "wire_member",
            receipt_mode = (int?)null,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var conv = await GalleyHost.JsonAsync(response);
        var id = conv.GetProperty("qualified_id").GetProperty("id").GetGuid();
        Assert.Equal($"/conversations/{GalleyHost.Domain}/{id}", response.Headers.Location!.ToString());
        Assert.Equal(id, conv.GetProperty("id").GetGuid());
        Assert.Equal(GalleyHost.Domain, conv.GetProperty("qualified_id").GetProperty("domain").GetString());
        Assert.Equal(0, conv.GetProperty("type").GetInt32());
        Assert.Equal(a, conv.GetProperty("creator").GetGuid());
        Assert.Equal("team chat", conv.GetProperty("name").GetString());
        Assert.Equal("0.0", conv.GetProperty("last_event").GetString());
        Assert.Equal("1970-01-01T00:00:00.000Z", conv.GetProperty("last_event_time").GetString());
        Assert.Equal("proteus", conv.GetProperty("protocol").GetString());
        Assert.Equal(JsonValueKind.Array, conv.GetProperty("access_role").ValueKind);
        Assert.Equal(JsonValueKind.Array, conv.GetProperty("access").ValueKind);
        Assert.Empty(conv.GetProperty("failed_to_add").EnumerateArray());
        var self = conv.GetProperty("members").GetProperty("self");
        Assert.Equal(a, self.GetProperty("id").GetGuid());
        Assert.Equal("wire_admin", self.GetProperty("conversation_role").GetString());
        Assert.False(self.GetProperty("otr_archived").GetBoolean());
        Assert.False(self.GetProperty("hidden").GetBoolean());
        var other = Assert.Single(conv.GetProperty("members").GetProperty("others").EnumerateArray().ToList());
        Assert.Equal(b, other.GetProperty("qualified_id").GetProperty("id").GetGuid());
        Assert.Equal("wire_member", other.GetProperty("conversation_role").GetString());
        Assert.Equal(0, other.GetProperty("status").GetInt32());

        var created = H.Push.For(id, "conversation.create");
        Assert.Equal(2, created.Count);
        var bView = Assert.Single(created, p => p.Users.Single() == b).Event.GetProperty("data");
        Assert.Equal(b, bView.GetProperty("members").GetProperty("self").GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.String, bView.GetProperty("access_role").ValueKind);
        Assert.Equal(JsonValueKind.Array, bView.GetProperty("access_role_v2").ValueKind);
    }

    [Fact]
    public async Task Create_OnV3_HasNoFailedToAdd_AndOnV2_LegacyAccessRole()
    {
        var a = H.Brig.AddUser();

        var v3 = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Post, "/v3/conversations", a, new { name = "x" }));
        var v2 = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Post, "/v2/conversations", a, new { name = "x", access_role = "activated" }));

        Assert.False(v3.TryGetProperty("failed_to_add", out _));
        Assert.Equal("activated", v2.GetProperty("access_role").GetString());
        Assert.Contains("non_team_member", v2.GetProperty("access_role_v2").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Create_WithDeprecatedUsersField_AddsThem()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        H.Brig.Connect(a, b);

        var conv = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Post, "/v2/conversations", a, new { users = new[] { b } }));

        Assert.Equal(b, conv.GetProperty("members").GetProperty("others")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Create_WithUnconnectedUser_Returns403NotConnected()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();

        var response = await H.SendAsync(HttpMethod.Post, "/v8/conversations", a, new { qualified_users = new[] { new { id = b, domain = GalleyHost.Domain } } });

        await ProteusMessageTests.AssertErrorAsync(response, HttpStatusCode.Forbidden, "not-connected");
    }

    [Fact]
    public async Task Create_WithMoreThan500Members_Returns403TooManyMembers()
    {
        var a = H.Brig.AddUser();
        var users = Enumerable.Range(0, 500).Select(_ => new { id = Guid.NewGuid(), domain = GalleyHost.Domain }).ToArray();

        var response = await H.SendAsync(HttpMethod.Post, "/v8/conversations", a, new { qualified_users = users });

        await ProteusMessageTests.AssertErrorAsync(response, HttpStatusCode.Forbidden, "too-many-members");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"name\":\"\"}")]
    [InlineData("{\"conversation_role\":\"boss\"}")]
    [InlineData("{\"access\":[\"everything\"]}")]
    [InlineData("{\"protocol\":\"mls\"}")]
    public async Task Create_WithInvalidBody_Returns400(string body)
    {
        var response = await H.SendAsync(HttpMethod.Post, "/v8/conversations", H.Brig.AddUser(), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await GalleyHost.JsonAsync(response)).TryGetProperty("label", out _));
    }

    [Fact]
    public async Task Create_WithoutZUser_Returns401()
    {
        var response = await H.Host.Internal.PostAsync("/v8/conversations", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Self_CreatesOnceThenReturnsExisting()
    {
        var a = H.Brig.AddUser();

        var first = await H.SendAsync(HttpMethod.Post, "/v8/conversations/self", a);
        var second = await H.SendAsync(HttpMethod.Post, "/v8/conversations/self", a);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var conv = await GalleyHost.JsonAsync(second);
        Assert.Equal(1, conv.GetProperty("type").GetInt32());
        Assert.Equal(a, conv.GetProperty("qualified_id").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Get_MemberNonMemberAndUnknown_Return200_403_404()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        var conv = await H.CreateGroupAsync(a, b);

        var asMember = await H.SendAsync(HttpMethod.Get, $"/v8/conversations/{GalleyHost.Domain}/{conv}", b);
        var unqualified = await H.SendAsync(HttpMethod.Get, $"/v2/conversations/{conv}", b);
        var asStranger = await H.SendAsync(HttpMethod.Get, $"/v8/conversations/{GalleyHost.Domain}/{conv}", H.Brig.AddUser());
        var unknown = await H.SendAsync(HttpMethod.Get, $"/v8/conversations/{GalleyHost.Domain}/{Guid.NewGuid()}", a);

        Assert.Equal(HttpStatusCode.OK, asMember.StatusCode);
        Assert.Equal(b, (await GalleyHost.JsonAsync(asMember)).GetProperty("members").GetProperty("self").GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, unqualified.StatusCode);
        await ProteusMessageTests.AssertErrorAsync(asStranger, HttpStatusCode.Forbidden, "access-denied");
        await ProteusMessageTests.AssertErrorAsync(unknown, HttpStatusCode.NotFound, "no-conversation");
    }

    [Fact]
    public async Task ListIds_PagesThroughAllConversations()
    {
        var a = H.Brig.AddUser();
        var created = new HashSet<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await H.CreateGroupAsync(a));
        }

        var seen = new List<Guid>();
        string? state = null;
        var pages = 0;
        while (true)
        {
            var response = await H.SendAsync(HttpMethod.Post, "/v8/conversations/list-ids", a, state is null ? new { size = 2 } : new { size = 2, paging_state = state } as object);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await GalleyHost.JsonAsync(response);
            pages++;
            var ids = page.GetProperty("qualified_conversations").EnumerateArray().Select(q => q.GetProperty("id").GetGuid()).ToList();
            Assert.True(ids.Count <= 2);
            seen.AddRange(ids);
            state = page.GetProperty("paging_state").GetString();
            if (!page.GetProperty("has_more").GetBoolean())
            {
                break;
            }
        }

        Assert.Equal(3, pages);
        Assert.Equal(created.Order(), seen.Order());
    }

    [Fact]
    public async Task ListIds_EmptyBody_ReturnsArrayWithDefaults()
    {
        var a = H.Brig.AddUser();
        await H.CreateGroupAsync(a);

        var page = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Post, "/v8/conversations/list-ids", a, "{}"));

        Assert.Single(page.GetProperty("qualified_conversations").EnumerateArray());
        Assert.False(page.GetProperty("has_more").GetBoolean());
    }

    [Theory]
    [InlineData("{\"size\":0}")]
    [InlineData("{\"size\":1001}")]
    [InlineData("{\"paging_state\":\"!!!\"}")]
    public async Task ListIds_InvalidInput_Returns400(string body)
    {
        var response = await H.SendAsync(HttpMethod.Post, "/v8/conversations/list-ids", H.Brig.AddUser(), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task List_ReturnsFoundNotFoundAndFailed()
    {
        var a = H.Brig.AddUser();
        var mine = await H.CreateGroupAsync(a);
        var others = await H.CreateGroupAsync(H.Brig.AddUser());
        var unknown = Guid.NewGuid();

        var response = await H.SendAsync(HttpMethod.Post, "/v8/conversations/list", a, new
        {
            qualified_ids = new[] { mine, others, unknown }.Select(id => new { id, domain = GalleyHost.Domain }).ToArray(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await GalleyHost.JsonAsync(response);
        Assert.Equal([mine], body.GetProperty("found").EnumerateArray().Select(c => c.GetProperty("qualified_id").GetProperty("id").GetGuid()));
        Assert.Equal(new[] { others, unknown }.Order(), body.GetProperty("not_found").EnumerateArray().Select(q => q.GetProperty("id").GetGuid()).Order());
        Assert.Empty(body.GetProperty("failed").EnumerateArray());
    }

    [Fact]
    public async Task List_EmptyIds_Returns400()
    {
        var response = await H.SendAsync(HttpMethod.Post, "/v8/conversations/list", H.Brig.AddUser(), new { qualified_ids = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class ConversationEndpointSqliteTests(SqliteGalleyFixture fixture) : ConversationEndpointTests(fixture), IClassFixture<SqliteGalleyFixture>;

public sealed class ConversationEndpointPostgresTests(PostgresGalleyFixture fixture) : ConversationEndpointTests(fixture), IClassFixture<PostgresGalleyFixture>;
