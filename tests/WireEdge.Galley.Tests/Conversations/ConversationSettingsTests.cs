using System.Net;
using WireEdge.Galley.Tests.Messaging;
using WireEdge.Galley.Tests.Support;

namespace WireEdge.Galley.Tests.Conversations;

public sealed class ConversationSettingsTests(SqliteGalleyFixture fixture) : IClassFixture<SqliteGalleyFixture>
{
    private GalleyHost H => fixture.Host;

    private static string Path(Guid conv) => $"/v8/conversations/{GalleyHost.Domain}/{conv}";

    [Fact]
    public async Task Rename_Returns200RenameEvent_Then204WhenUnchanged()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        var conv = await H.CreateGroupAsync(a, b);

        var response = await H.SendAsync(HttpMethod.Put, Path(conv) + "/name", a, new { name = "renamed" });
        var same = await H.SendAsync(HttpMethod.Put, $"/v2/conversations/{conv}/name", a, new { name = "renamed" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ev = await GalleyHost.JsonAsync(response);
        Assert.Equal("conversation.rename", ev.GetProperty("type").GetString());
        Assert.Equal("renamed", ev.GetProperty("data").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, same.StatusCode);
        Assert.Equal(new[] { a, b }.Order(), Assert.Single(H.Push.For(conv, "conversation.rename")).Users.Order());
        Assert.Equal("renamed", (await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Get, Path(conv), b))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Rename_Errors_EmptyNameNonMemberAndOneToOne()
    {
        var a = H.Brig.AddUser();
        var conv = await H.CreateGroupAsync(a);
        await H.SendAsync(HttpMethod.Post, "/v8/conversations/self", a);

        Assert.Equal(HttpStatusCode.BadRequest, (await H.SendAsync(HttpMethod.Put, Path(conv) + "/name", a, new { name = "" })).StatusCode);
        await ProteusMessageTests.AssertErrorAsync(await H.SendAsync(HttpMethod.Put, Path(conv) + "/name", H.Brig.AddUser(), new { name = "x" }), HttpStatusCode.NotFound, "no-conversation");
        await ProteusMessageTests.AssertErrorAsync(await H.SendAsync(HttpMethod.Put, Path(a) + "/name", a, new { name = "x" }), HttpStatusCode.Forbidden, "invalid-op");
    }

    [Fact]
    public async Task Access_ReceiptMode_MessageTimer_EmitEventsAndAreStored()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        var conv = await H.CreateGroupAsync(a, b);

        var access = await H.SendAsync(HttpMethod.Put, Path(conv) + "/access", a, new { access = new[] { "invite", "code" }, access_role = new[] { "team_member", "guest" } });
        var receipt = await H.SendAsync(HttpMethod.Put, Path(conv) + "/receipt-mode", a, new { receipt_mode = 1 });
        var timer = await H.SendAsync(HttpMethod.Put, Path(conv) + "/message-timer", a, new { message_timer = 60000 });
        var timerAgain = await H.SendAsync(HttpMethod.Put, $"/v2/conversations/{conv}/message-timer", a, new { message_timer = 60000 });

        Assert.Equal(HttpStatusCode.OK, access.StatusCode);
        Assert.Equal("conversation.access-update", (await GalleyHost.JsonAsync(access)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        Assert.Equal(1, (await GalleyHost.JsonAsync(receipt)).GetProperty("data").GetProperty("receipt_mode").GetInt32());
        Assert.Equal(HttpStatusCode.OK, timer.StatusCode);
        Assert.Equal(60000, (await GalleyHost.JsonAsync(timer)).GetProperty("data").GetProperty("message_timer").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent, timerAgain.StatusCode);
        var c = await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Get, Path(conv), b));
        Assert.Equal(["invite", "code"], c.GetProperty("access").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["team_member", "guest"], c.GetProperty("access_role").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, c.GetProperty("receipt_mode").GetInt32());
        Assert.Equal(60000, c.GetProperty("message_timer").GetInt64());
        Assert.Single(H.Push.For(conv, "conversation.receipt-mode-update"));
        Assert.Single(H.Push.For(conv, "conversation.message-timer-update"));
    }

    [Fact]
    public async Task Settings_ByWireMember_Return403ActionDenied()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        H.Brig.Connect(a, b);
        var conv = (await GalleyHost.JsonAsync(await H.SendAsync(HttpMethod.Post, "/v8/conversations", a, new
        {
            qualified_users = new[] { new { id = b, domain = GalleyHost.Domain } },
            conversation_role = "wire_member",
        }))).GetProperty("qualified_id").GetProperty("id").GetGuid();

        await ProteusMessageTests.AssertErrorAsync(await H.SendAsync(HttpMethod.Put, Path(conv) + "/name", b, new { name = "x" }), HttpStatusCode.Forbidden, "action-denied");
        await ProteusMessageTests.AssertErrorAsync(await H.SendAsync(HttpMethod.Put, Path(conv) + "/receipt-mode", b, new { receipt_mode = 1 }), HttpStatusCode.Forbidden, "action-denied");
        await ProteusMessageTests.AssertErrorAsync(await H.SendAsync(HttpMethod.Put, Path(conv) + "/message-timer", b, new { message_timer = 1000 }), HttpStatusCode.Forbidden, "action-denied");
        await ProteusMessageTests.AssertErrorAsync(await H.SendAsync(HttpMethod.Put, Path(conv) + "/access", b, new { access = new[] { "invite" }, access_role = new[] { "team_member" } }), HttpStatusCode.Forbidden, "action-denied");
    }

    [Fact]
    public async Task Typing_IsPushedTransientToOtherMembersOnly()
    {
        var a = H.Brig.AddUser();
        var b = H.Brig.AddUser();
        var c = H.Brig.AddUser();
        var conv = await H.CreateGroupAsync(a, b, c);

        var response = await H.SendAsync(HttpMethod.Post, Path(conv) + "/typing", a, new { status = "started" });
        var bad = await H.SendAsync(HttpMethod.Post, Path(conv) + "/typing", a, new { status = "dancing" });
        var stranger = await H.SendAsync(HttpMethod.Post, $"/v2/conversations/{conv}/typing", H.Brig.AddUser(), new { status = "stopped" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var push = Assert.Single(H.Push.For(conv, "conversation.typing"));
        Assert.True(push.Request.Transient);
        Assert.Equal(new[] { b, c }.Order(), push.Users.Order());
        Assert.Equal("started", push.Event.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await ProteusMessageTests.AssertErrorAsync(stranger, HttpStatusCode.NotFound, "no-conversation");
    }
}
