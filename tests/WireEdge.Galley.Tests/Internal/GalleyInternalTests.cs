using System.Net;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Services;
using WireEdge.Galley.Conversations;
using WireEdge.Galley.Internal;
using WireEdge.Galley.Tests.Support;

namespace WireEdge.Galley.Tests.Internal;

public sealed class GalleyInternalTests(SqliteGalleyFixture fixture) : IClassFixture<SqliteGalleyFixture>
{
    private GalleyHost H => fixture.Host;

    private string ConvPath(Guid conv) => $"/v8/conversations/{GalleyHost.Domain}/{conv}";

    [Fact]
    public async Task UpsertOne2One_FollowsConnectionLifecycle()
    {
        var galley = H.Service<IGalleyInternal>();
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();

        var id = await galley.UpsertOne2OneAsync(a, b, One2OneMembership.RequesterOnly);

        Assert.Equal(One2OneConversationId.Compute(new QualifiedId(a, GalleyHost.Domain), new QualifiedId(b, GalleyHost.Domain)).Id, id);
        var connect = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Get, ConvPath(id), a));
        Assert.Equal(3, connect.GetProperty("type").GetInt32());
        Assert.Empty(connect.GetProperty("members").GetProperty("others").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await H.SendAsync(HttpMethod.Get, ConvPath(id), b)).StatusCode);

        Assert.Equal(id, await galley.UpsertOne2OneAsync(b, a, One2OneMembership.Both));
        var one2one = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Get, ConvPath(id), b));
        Assert.Equal(2, one2one.GetProperty("type").GetInt32());
        Assert.Equal(a, one2one.GetProperty("members").GetProperty("others")[0].GetProperty("id").GetGuid());
        Assert.Single(H.Push.For(id, "conversation.member-join"));

        await galley.UpsertOne2OneAsync(b, a, One2OneMembership.None);
        Assert.Equal(HttpStatusCode.Forbidden, (await H.SendAsync(HttpMethod.Get, ConvPath(id), b)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await H.SendAsync(HttpMethod.Get, ConvPath(id), a)).StatusCode);
    }

    [Fact]
    public async Task UpsertOne2One_BothFromScratch_CreatesTypeTwoWithCreateEvents()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();

        var id = await H.Service<IGalleyInternal>().UpsertOne2OneAsync(a, b, One2OneMembership.Both);

        var conv = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Get, ConvPath(id), b));
        Assert.Equal(2, conv.GetProperty("type").GetInt32());
        Assert.Equal(2, H.Push.For(id, "conversation.create").Count);
    }

    [Fact]
    public async Task HttpClient_CallsInternalEndpoints()
    {
        using var http = new HttpClient { BaseAddress = H.Host.InternalUri };
        var remote = new HttpGalleyInternal(http);
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        var team = Guid.NewGuid();

        var id = await remote.UpsertOne2OneAsync(a, b, One2OneMembership.Both);
        await remote.CreateBindingTeamAsync(team, a, "Remote team", "default", null);

        Assert.Equal(One2OneConversationId.Compute(new QualifiedId(a, GalleyHost.Domain), new QualifiedId(b, GalleyHost.Domain)).Id, id);
        Assert.Equal(HttpStatusCode.OK, (await H.SendAsync(HttpMethod.Get, $"/v8/teams/{team}", a)).StatusCode);

        await remote.OnUserDeletedAsync(b);
        var conv = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Get, ConvPath(id), a));
        Assert.Empty(conv.GetProperty("members").GetProperty("others").EnumerateArray());
    }

    [Fact]
    public async Task OnUserDeleted_RemovesUserFromConversationsAndTeams()
    {
        var galley = H.Service<IGalleyInternal>();
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        var conv = await H.CreateGroupAsync(a, b);
        var team = Guid.NewGuid();
        await galley.CreateBindingTeamAsync(team, b, "Gone", "default", null);

        await galley.OnUserDeletedAsync(b);

        var push = Assert.Single(H.Push.For(conv, "conversation.member-leave"));
        Assert.Equal("user-deleted", push.Event.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal([a], push.Users);
        Assert.Equal(HttpStatusCode.Forbidden, (await H.SendAsync(HttpMethod.Get, ConvPath(conv), b)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await H.SendAsync(HttpMethod.Get, $"/v8/teams/{team}", b)).StatusCode);
    }

    [Theory]
    [InlineData("{\"from\":\"00000000-0000-0000-0000-000000000001\",\"to\":\"00000000-0000-0000-0000-000000000002\",\"membership\":\"maybe\"}")]
    [InlineData("{nope")]
    public async Task UpsertEndpoint_BadBody_Returns400(string body)
    {
        var response = await H.Host.Internal.PostAsync("/i/conversations/one2one/upsert", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task InternalEndpoints_AreNotOnThePublicListener()
    {
        var response = await H.Host.Public.PostAsync("/i/conversations/one2one/upsert", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
