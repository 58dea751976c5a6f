using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using WireEdge.Contracts.Ids;
using WireEdge.Galley.Messaging.Proto;
using WireEdge.Galley.Tests.Support;
using WireClientId = WireEdge.Contracts.Ids.ClientId;

namespace WireEdge.Galley.Tests.Messaging;

public sealed class LegacyOtrMessageTests(SqliteGalleyFixture fixture) : IClassFixture<SqliteGalleyFixture>
{
    private GalleyHost H => fixture.Host;

    private async Task<(Guid Conv, Guid A, WireClientId A1, Guid B, WireClientId B1, WireClientId B2)> SetupAsync()
    {
        var a = H.Brig.AddUser(1);
        var b = H.Brig.AddUser(2);
        var conv = await H.CreateGroupAsync(a, b);
        var bc = H.Brig.ClientsOf(b);
        return (conv, a, H.Brig.ClientsOf(a)[0], b, bc[0], bc[1]);
    }

    private static object Json(WireClientId sender, Guid user, IEnumerable<WireClientId> clients, List<Guid>? reportMissing = null) => new
    {
        sender = sender.ToString(),
        recipients = new Dictionary<string, Dictionary<string, string>>
        {
            [user.ToString("D")] = clients.ToDictionary(c => c.ToString(), _ => Convert.ToBase64String([1, 2, 3])),
        },
        report_missing = reportMissing,
    };

    [Fact]
    public async Task LegacyJson_AllClients_Returns201ClientMismatchAndPushes()
    {
        var s = await SetupAsync();

        var response = await H.SendAsync(HttpMethod.Post, $"/conversations/{s.Conv}/otr/messages", s.A, Json(s.A1, s.B, [s.B1, s.B2]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await GalleyHost.JsonAsync(response);
        Assert.Empty(body.GetProperty("missing").EnumerateObject());
        Assert.Empty(body.GetProperty("redundant").EnumerateObject());
        Assert.Empty(body.GetProperty("deleted").EnumerateObject());
        Assert.False(body.TryGetProperty("failed_to_send", out _));
        var pushes = H.Push.For(s.Conv, "conversation.otr-message-add");
        Assert.Equal(2, pushes.Count);
        Assert.All(pushes, p => Assert.Equal([1, 2, 3], Convert.FromBase64String(p.Event.GetProperty("data").GetProperty("text").GetString()!)));
    }

    [Fact]
    public async Task LegacyJson_MissingClient_Returns412UnqualifiedAndPushesNothing()
    {
        var s = await SetupAsync();

        var response = await H.SendAsync(HttpMethod.Post, $"/conversations/{s.Conv}/otr/messages", s.A, Json(s.A1, s.B, [s.B1]));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var missing = (await GalleyHost.JsonAsync(response)).GetProperty("missing").GetProperty(s.B.ToString("D"));
        Assert.Equal([s.B2.ToString()], missing.EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(H.Push.For(s.Conv, "conversation.otr-message-add"));
    }

    [Theory]
    [InlineData("?ignore_missing=true", HttpStatusCode.Created)]
    [InlineData("?ignore_missing=false", HttpStatusCode.PreconditionFailed)]
    [InlineData("?report_missing=false", HttpStatusCode.Created)]
    [InlineData("?report_missing=true", HttpStatusCode.PreconditionFailed)]
    [InlineData("?ignore_missing=true&report_missing=true", HttpStatusCode.Created)]
    [InlineData("?ignore_missing=false&report_missing=false", HttpStatusCode.PreconditionFailed)]
    public async Task LegacyJson_QueryStrategies_FollowPrecedence(string query, HttpStatusCode expected)
    {
        var s = await SetupAsync();

        var response = await H.SendAsync(HttpMethod.Post, $"/conversations/{s.Conv}/otr/messages{query}", s.A, Json(s.A1, s.B, [s.B1]));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task LegacyJson_UserListInIgnoreMissing_IgnoresOnlyThoseUsers()
    {
        var s = await SetupAsync();

        var ignored = await H.SendAsync(HttpMethod.Post, $"/conversations/{s.Conv}/otr/messages?ignore_missing={s.B}", s.A, Json(s.A1, s.B, [s.B1]));
        var other = await H.SendAsync(HttpMethod.Post, $"/conversations/{s.Conv}/otr/messages?ignore_missing={Guid.NewGuid()}", s.A, Json(s.A1, s.B, [s.B1]));

        Assert.Equal(HttpStatusCode.Created, ignored.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, other.StatusCode);
    }

    [Fact]
    public async Task LegacyJson_BodyReportMissing_TakesPrecedenceOverQuery()
    {
        var s = await SetupAsync();

        var response = await H.SendAsync(HttpMethod.Post, $"/conversations/{s.Conv}/otr/messages?ignore_missing=true", s.A, Json(s.A1, s.B, [s.B1], [s.B]));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async Task LegacyProtobuf_AllClients_Returns201()
    {
        var s = await SetupAsync();
        var message = new NewOtrMessage { Sender = new Galley.Messaging.Proto.ClientId { Client = s.A1.Value } };
        var entry = new UserEntry { User = new UserId { Uuid = ByteString.CopyFrom(s.B.ToByteArray(bigEndian: true)) } };
        entry.Clients.Add(new ClientEntry { Client = new Galley.Messaging.Proto.ClientId { Client = s.B1.Value }, Text = ByteString.CopyFromUtf8("1") });
        entry.Clients.Add(new ClientEntry { Client = new Galley.Messaging.Proto.ClientId { Client = s.B2.Value }, Text = ByteString.CopyFromUtf8("2") });
        message.Recipients.Add(entry);
        var content = new ByteArrayContent(message.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");

        var response = await H.SendRawAsync(HttpMethod.Post, $"/conversations/{s.Conv}/otr/messages", s.A, content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, H.Push.For(s.Conv, "conversation.otr-message-add").Count);
    }

    [Theory]
    [InlineData("{\"sender\":\"zz\",\"recipients\":{}}")]
    [InlineData("{\"sender\":\"1\",\"recipients\":{\"not-a-uuid\":{}}}")]
    [InlineData("{\"sender\":\"1\",\"recipients\":{}, \"data\":\"***\"}")]
    [InlineData("{not json")]
    [InlineData("[]")]
    public async Task LegacyJson_Malformed_Returns400(string json)
    {
        var s = await SetupAsync();

        var response = await H.SendAsync(HttpMethod.Post, $"/conversations/{s.Conv}/otr/messages", s.A, json);

        await ProteusMessageTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "bad-request");
    }
}
