using System.Net;
using WireEdge.Galley.Tests.Messaging;
using WireEdge.Galley.Tests.Support;

namespace WireEdge.Galley.Tests.Members;

public abstract class MemberEndpointTests(GalleyHostFixture fixture)
{
    private GalleyHost H => fixture.Host;

    private static string Path(Guid conv) => $"/v8/conversations/{GalleyHost.Domain}/{conv}";

    [Fact]
    public async Task AddMembers_ConnectedUser_Returns200MemberJoinEventToAllMembers()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        var c = H.Brig.AddUser();
        var conv = await H.CreateGroupAsync(a, b);
        H.Brig.Connect(a, c);

        var response = await H.SendAsync(HttpMethod.Post, Path(conv) + "/members", a, new { qualified_users = new[] { new { id = c, domain = GalleyHost.Domain } }, conversation_role = "wire_member" }, connection: "conn-a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ev = await GalleyHost.JsonAsync(response);
        Assert.Equal("conversation.member-join", ev.GetProperty("type").GetString());
        var user = ev.GetProperty("data").GetProperty("users")[0];
        Assert.Equal(c, user.GetProperty("qualified_id").GetProperty("id").GetGuid());
        Assert.Equal("wire_member", user.GetProperty("conversation_role").GetString());
        Assert.Equal([c], ev.GetProperty("data").GetProperty("user_ids").EnumerateArray().Select(e => e.GetGuid()));
        var push = Assert.Single(H.Push.For(conv, "conversation.member-join"));
        Assert.Equal(new[] { a, b, c }.Order(), push.Users.Order());
        Assert.Equal("conn-a", push.Request.OriginConnection);
        Assert.Equal(a, push.Request.Origin);

        var again = await H.SendAsync(HttpMethod.Post, Path(conv) + "/members", a, new { qualified_users = new[] { new { id = c, domain = GalleyHost.Domain } } });
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task AddMembers_Errors_NotConnectedActionDeniedNoConversation()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        H.Brig.Connect(a, b);
        var member = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Post, "/v8/conversations", a, new { qualified_users = new[] { new { id = b, domain = GalleyHost.Domain } }, conversation_role = "wire_member" }));
        var conv = member.GetProperty("qualified_id").GetProperty("id").GetGuid();
        var stranger = H.Brig.AddUser();
        H.Brig.Connect(b, stranger);

        var notConnected = await H.SendAsync(HttpMethod.Post, Path(conv) + "/members", a, new { qualified_users = new[] { new { id = stranger, domain = GalleyHost.Domain } } });
        var denied = await H.SendAsync(HttpMethod.Post, Path(conv) + "/members", b, new { qualified_users = new[] { new { id = stranger, domain = GalleyHost.Domain } } });
        var nonMember = await H.SendAsync(HttpMethod.Post, Path(conv) + "/members", stranger, new { qualified_users = new[] { new { id = b, domain = GalleyHost.Domain } } });
        var empty = await H.SendAsync(HttpMethod.Post, Path(conv) + "/members", a, new { qualified_users = Array.Empty<object>() });

        await ProteusMessageTests.AssertErrorAsync(notConnected, HttpStatusCode.Forbidden, "not-connected");
        await ProteusMessageTests.AssertErrorAsync(denied, HttpStatusCode.Forbidden, "action-denied");
        await ProteusMessageTests.AssertErrorAsync(nonMember, HttpStatusCode.NotFound, "no-conversation");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task AddMembers_ToSelfConversation_Returns403InvalidOp()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        H.Brig.Connect(a, b);
        await H.SendAsync(HttpMethod.Post, "/v8/conversations/self", a);

        var response = await H.SendAsync(HttpMethod.Post, Path(a) + "/members", a, new { qualified_users = new[] { new { id = b, domain = GalleyHost.Domain } } });

        await ProteusMessageTests.AssertErrorAsync(response, HttpStatusCode.Forbidden, "invalid-op");
    }

    [Fact]
    public async Task RemoveMember_Returns200EventReachingRemovedUser_WhoThenLosesAccess()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        var c = H.Brig.AddUser();
        var conv = await H.CreateGroupAsync(a, b, c);

        var response = await H.SendAsync(HttpMethod.Delete, Path(conv) + $"/members/{GalleyHost.Domain}/{b}", a);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ev = await GalleyHost.JsonAsync(response);
        Assert.Equal("conversation.member-leave", ev.GetProperty("type").GetString());
        Assert.Equal("removed", ev.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal([b], ev.GetProperty("data").GetProperty("qualified_user_ids").EnumerateArray().Select(q => q.GetProperty("id").GetGuid()));
        Assert.Equal(new[] { a, b, c }.Order(), Assert.Single(H.Push.For(conv, "conversation.member-leave")).Users.Order());

        var get = await H.SendAsync(HttpMethod.Get, Path(conv), b);
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        var ids = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Post, "/v8/conversations/list-ids", b, "{}"));
        Assert.DoesNotContain(conv, ids.GetProperty("qualified_conversations").EnumerateArray().Select(q => q.GetProperty("id").GetGuid()));

        var rename = await H.SendAsync(HttpMethod.Put, Path(conv) + "/name", a, new { name = "after" });
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        Assert.DoesNotContain(b, Assert.Single(H.Push.For(conv, "conversation.rename")).Users);

        var twice = await H.SendAsync(HttpMethod.Delete, Path(conv) + $"/members/{GalleyHost.Domain}/{b}", a);
        Assert.Equal(HttpStatusCode.NoContent, twice.StatusCode);
    }

    [Fact]
    public async Task Leave_AsWireMember_IsAllowed_ButRemovingOthersIsDenied()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        var c = H.Brig.AddUser();
        H.Brig.Connect(a, b);
        H.Brig.Connect(a, c);
        var conv = (await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Post, "/v8/conversations", a, new
        {
            qualified_users = new[] { new { id = b, domain = GalleyHost.Domain }, new { id = c, domain = GalleyHost.Domain } },
            conversation_role = "wire_member",
        }))).GetProperty("qualified_id").GetProperty("id").GetGuid();

        var denied = await H.SendAsync(HttpMethod.Delete, Path(conv) + $"/members/{GalleyHost.Domain}/{c}", b);
        var leave = await H.SendAsync(HttpMethod.Delete, $"/v2/conversations/{conv}/members/{b}", b);

        await ProteusMessageTests.AssertErrorAsync(denied, HttpStatusCode.Forbidden, "action-denied");
        Assert.Equal(HttpStatusCode.OK, leave.StatusCode);
        Assert.Equal("left", (await GalleyHost.JsonAsync(leave)).GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task UpdateSelf_StoresSettingsAndNotifiesOnlySelf()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        var conv = await H.CreateGroupAsync(a, b);

        var response = await H.SendAsync(HttpMethod.Put, Path(conv) + "/self", b, new { otr_archived = true, otr_archived_ref = "2024-01-01T00:00:00.000Z", otr_muted_status = 3 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var self = (await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Get, Path(conv), b))).GetProperty("members").GetProperty("self");
        Assert.True(self.GetProperty("otr_archived").GetBoolean());
        Assert.Equal("2024-01-01T00:00:00.000Z", self.GetProperty("otr_archived_ref").GetString());
        Assert.Equal(3, self.GetProperty("otr_muted_status").GetInt32());
        Assert.False(self.GetProperty("hidden").GetBoolean());
        var push = Assert.Single(H.Push.For(conv, "conversation.member-update"));
        Assert.Equal([b], push.Users);
        Assert.True(push.Event.GetProperty("data").GetProperty("otr_archived").GetBoolean());

        var empty = await H.SendAsync(HttpMethod.Put, Path(conv) + "/self", b, "{}");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task UpdateRole_ChangesRoleAndNotifiesAll_ErrorsForUnknownTargetAndMembers()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        var conv = await H.CreateGroupAsync(a, b);

        var response = await H.SendAsync(HttpMethod.Put, Path(conv) + $"/members/{GalleyHost.Domain}/{b}", a, new { conversation_role = "wire_member" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var other = (await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Get, Path(conv), a))).GetProperty("members").GetProperty("others")[0];
        Assert.Equal("wire_member", other.GetProperty("conversation_role").GetString());
        Assert.Equal(new[] { a, b }.Order(), Assert.Single(H.Push.For(conv, "conversation.member-update")).Users.Order());

        var denied = await H.SendAsync(HttpMethod.Put, Path(conv) + $"/members/{GalleyHost.Domain}/{a}", b, new { conversation_role = "wire_member" });
        var unknown = await H.SendAsync(HttpMethod.Put, Path(conv) + $"/members/{GalleyHost.Domain}/{Guid.NewGuid()}", a, new { conversation_role = "wire_member" });
        var badRole = await H.SendAsync(HttpMethod.Put, Path(conv) + $"/members/{GalleyHost.Domain}/{b}", a, new { conversation_role = "king" });
        await ProteusMessageTests.AssertErrorAsync(denied, HttpStatusCode.Forbidden, "action-denied");
        await ProteusMessageTests.AssertErrorAsync(unknown, HttpStatusCode.NotFound, "no-conversation-member");
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
    }
}

public sealed class MemberEndpointSqliteTests(SqliteGalleyFixture fixture) : MemberEndpointTests(fixture), IClassFixture<SqliteGalleyFixture>;

public sealed class MemberEndpointPostgresTests(PostgresGalleyFixture fixture) : MemberEndpointTests(fixture), IClassFixture<PostgresGalleyFixture>;
