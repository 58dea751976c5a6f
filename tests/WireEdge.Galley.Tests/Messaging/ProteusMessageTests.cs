using System.Net;
using System.Text.Json;
using Google.Protobuf;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Push;
using WireEdge.Galley.Tests.Support;

namespace WireEdge.Galley.Tests.Messaging;

public abstract class ProteusMessageTests(GalleyHostFixture fixture)
{
    private GalleyHost H => fixture.Host;

    private sealed record Scenario(Guid Conv, Guid A, ClientId A1, ClientId A2, Guid B, ClientId B1, ClientId B2, Guid C, ClientId C1)
    {
        public string Path => $"/v8/conversations/{GalleyHost.Domain}/{Conv}/proteus/messages";
    }

    private async Task<Scenario> SetupAsync()
    {
        var a = H.Brig.AddUser(2);
        var b = H.Brig.AddUser(2);
        var c = H.Brig.AddUser(1);
        var conv = await H.CreateGroupAsync(a, b, c);
        var ac = H.Brig.ClientsOf(a);
        var bc = H.Brig.ClientsOf(b);
        return new Scenario(conv, a, ac[0], ac[1], b, bc[0], bc[1], c, H.Brig.ClientsOf(c)[0]);
    }

    private static (Guid, ClientId, byte[])[] AllOthers(Scenario s) =>
    [
        (s.A, s.A2, OtrMessages.Text("to a2")),
        (s.B, s.B1, OtrMessages.Text("to b1")),
        (s.B, s.B2, OtrMessages.Text("to b2")),
        (s.C, s.C1, OtrMessages.Text("to c1")),
    ];

    [Fact]
    public async Task Send_ToEveryOtherClient_Returns201AndOnePushPerRecipientClient()
    {
        var s = await SetupAsync();
        var message = OtrMessages.Qualified(s.A1, AllOthers(s)).ReportAll();

        var response = await H.PostProtobufAsync(s.Path, s.A, message.ToByteArray(), "conn-a");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await GalleyHost.JsonAsync(response);
        foreach (var key in new[] { "missing", "redundant", "deleted", "failed_to_send", "failed_to_confirm_clients" })
        {
            Assert.Empty(body.GetProperty(key).EnumerateObject());
        }

        Assert.True(body.TryGetProperty("time", out _));
        var pushes = H.Push.For(s.Conv, "conversation.otr-message-add");
        Assert.Equal(4, pushes.Count);
        foreach (var (user, client, text) in AllOthers(s))
        {
            var p = Assert.Single(pushes, p => p.Request.Recipients[0].User == user && p.Request.Recipients[0].Clients![0] == client);
            var recipient = Assert.Single(p.Request.Recipients);
            Assert.Equal(PushRoute.Any, recipient.Route);
            Assert.Equal(s.A, p.Request.Origin);
            Assert.Equal("conn-a", p.Request.OriginConnection);
            Assert.False(p.Request.Transient);
            var ev = p.Event;
            Assert.Equal(s.Conv.ToString("D"), ev.GetProperty("conversation").GetString());
            Assert.Equal(GalleyHost.Domain, ev.GetProperty("qualified_conversation").GetProperty("domain").GetString());
            Assert.Equal(s.A.ToString("D"), ev.GetProperty("from").GetString());
            Assert.Equal(s.A.ToString("D"), ev.GetProperty("qualified_from").GetProperty("id").GetString());
            Assert.True(DateTimeOffset.TryParse(ev.GetProperty("time").GetString(), out _));
            var data = ev.GetProperty("data");
            Assert.Equal(s.A1.ToString(), data.GetProperty("sender").GetString());
            Assert.Equal(client.ToString(), data.GetProperty("recipient").GetString());
            Assert.Equal(text, Convert.FromBase64String(data.GetProperty("text").GetString()!));
            Assert.False(data.TryGetProperty("data", out _));
        }
    }

    [Fact]
    public async Task Send_BinaryCiphertextAndBlob_AreRelayedByteForByte()
    {
        var s = await SetupAsync();
        var text = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var blob = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        var message = OtrMessages.Qualified(s.A1, [(s.C, s.C1, text)]).IgnoreAll();
        message.Blob = ByteString.CopyFrom(blob);

        var response = await H.PostProtobufAsync(s.Path, s.A, message.ToByteArray());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var data = Assert.Single(H.Push.For(s.Conv, "conversation.otr-message-add")).Event.GetProperty("data");
        Assert.Equal(text, Convert.FromBase64String(data.GetProperty("text").GetString()!));
        Assert.Equal(blob, Convert.FromBase64String(data.GetProperty("data").GetString()!));
    }

    [Fact]
    public async Task Send_NativePushFalseAndTransient_AreHonoured()
    {
        var s = await SetupAsync();
        var message = OtrMessages.Qualified(s.A1, AllOthers(s)).ReportAll();
        message.NativePush = false;
        message.Transient = true;

        var response = await H.PostProtobufAsync(s.Path, s.A, message.ToByteArray());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var pushes = H.Push.For(s.Conv, "conversation.otr-message-add");
        Assert.Equal(4, pushes.Count);
        Assert.All(pushes, p =>
        {
            Assert.True(p.Request.Transient);
            Assert.Equal(PushRoute.Direct, p.Request.Recipients[0].Route);
        });
    }

    [Fact]
    public async Task Send_MissingClientUnderReportAll_Returns412WithExactlyTheMissingClientAndPushesNothing()
    {
        var s = await SetupAsync();
        var message = OtrMessages.Qualified(s.A1, AllOthers(s).Where(r => r.Item2 != s.B2)).ReportAll();

        var response = await H.PostProtobufAsync(s.Path, s.A, message.ToByteArray());

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var body = await GalleyHost.JsonAsync(response);
        Assert.False(body.TryGetProperty("code", out _));
        Assert.False(body.TryGetProperty("label", out _));
        var missing = body.GetProperty("missing").GetProperty(GalleyHost.Domain);
        var user = Assert.Single(missing.EnumerateObject());
        Assert.Equal(s.B.ToString("D"), user.Name);
        Assert.Equal([s.B2.ToString()], user.Value.EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(H.Push.For(s.Conv, "conversation.otr-message-add"));

        // The client re-encrypts for the missing client and resends: clean 201.
        var retry = await H.PostProtobufAsync(s.Path, s.A, OtrMessages.Qualified(s.A1, AllOthers(s)).ReportAll().ToByteArray());
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(4, H.Push.For(s.Conv, "conversation.otr-message-add").Count);
    }

    [Fact]
    public async Task Send_WithoutStrategy_ReportsAllMissing()
    {
        var s = await SetupAsync();
        var message = OtrMessages.Qualified(s.A1, [(s.B, s.B1, OtrMessages.Text("x"))]);

        var response = await H.PostProtobufAsync(s.Path, s.A, message.ToByteArray());

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var missing = (await GalleyHost.JsonAsync(response)).GetProperty("missing").GetProperty(GalleyHost.Domain);
        Assert.Equal(3, missing.EnumerateObject().Count());
    }

    public static TheoryData<string, bool> Strategies => new()
    {
        { "report_all", false },
        { "ignore_all", true },
        { "report_only_missing_user", false },
        { "report_only_other_user", true },
        { "ignore_only_missing_user", true },
        { "ignore_only_other_user", false },
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Send_WithMissingRedundantAndDeletedClients_FollowsStrategy(string strategy, bool sent)
    {
        var s = await SetupAsync();
        var outsider = H.Brig.AddUser(1);
        var outsiderClient = H.Brig.ClientsOf(outsider)[0];
        H.Brig.RemoveClient(s.B, s.B2);
        var message = OtrMessages.Qualified(s.A1,
        [
            (s.A, s.A2, OtrMessages.Text("a2")),
            (s.B, s.B1, OtrMessages.Text("b1")),
            (s.B, s.B2, OtrMessages.Text("b2 deleted")),
            (outsider, outsiderClient, OtrMessages.Text("redundant")),
        ]);
        message = strategy switch
        {
            "report_all" => message.ReportAll(),
            "ignore_all" => message.IgnoreAll(),
            "report_only_missing_user" => message.ReportOnly(s.C),
            "report_only_other_user" => message.ReportOnly(s.B),
            "ignore_only_missing_user" => message.IgnoreOnly(s.C),
            _ => message.IgnoreOnly(s.B),
        };

        var response = await H.PostProtobufAsync(s.Path, s.A, message.ToByteArray());

        Assert.Equal(sent ? HttpStatusCode.Created : HttpStatusCode.PreconditionFailed, response.StatusCode);
        var body = await GalleyHost.JsonAsync(response);
        var deleted = body.GetProperty("deleted").GetProperty(GalleyHost.Domain).GetProperty(s.B.ToString("D"));
        Assert.Equal([s.B2.ToString()], deleted.EnumerateArray().Select(e => e.GetString()));
        var redundant = body.GetProperty("redundant").GetProperty(GalleyHost.Domain).GetProperty(outsider.ToString("D"));
        Assert.Equal([outsiderClient.ToString()], redundant.EnumerateArray().Select(e => e.GetString()));
        var missing = body.GetProperty("missing");
        if (sent)
        {
            Assert.Empty(missing.EnumerateObject());
            var pushes = H.Push.For(s.Conv, "conversation.otr-message-add");
            Assert.Equal(2, pushes.Count);
            Assert.Equal(new[] { s.A2.Value, s.B1.Value }.Order(), pushes.Select(p => p.Request.Recipients[0].Clients![0].Value).Order());
        }
        else
        {
            var c = missing.GetProperty(GalleyHost.Domain).GetProperty(s.C.ToString("D"));
            Assert.Equal([s.C1.ToString()], c.EnumerateArray().Select(e => e.GetString()));
            Assert.Empty(H.Push.For(s.Conv, "conversation.otr-message-add"));
        }
    }

    [Fact]
    public async Task Send_FromUnknownSenderClient_Returns403UnknownClient()
    {
        var s = await SetupAsync();
        var message = OtrMessages.Qualified(new ClientId(0xdead), AllOthers(s)).IgnoreAll();

        var response = await H.PostProtobufAsync(s.Path, s.A, message.ToByteArray());

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "unknown-client");
        Assert.Empty(H.Push.For(s.Conv, "conversation.otr-message-add"));
    }

    [Fact]
    public async Task Send_ByNonMember_Returns404NoConversation()
    {
        var s = await SetupAsync();
        var outsider = H.Brig.AddUser(1);
        var message = OtrMessages.Qualified(H.Brig.ClientsOf(outsider)[0], AllOthers(s)).IgnoreAll();

        var response = await H.PostProtobufAsync(s.Path, outsider, message.ToByteArray());

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "no-conversation");
        Assert.Empty(H.Push.For(s.Conv, "conversation.otr-message-add"));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("remote")]
    public async Task Send_ToUnknownConversation_Returns404NoConversation(string kind)
    {
        var s = await SetupAsync();
        var conv = kind == "unknown" ? Guid.NewGuid() : s.Conv;
        var domain = kind == "unknown" ? GalleyHost.Domain : "other.example.org";
        var message = OtrMessages.Qualified(s.A1, AllOthers(s)).IgnoreAll();

        var response = await H.PostProtobufAsync($"/v8/conversations/{domain}/{conv}/proteus/messages", s.A, message.ToByteArray());

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "no-conversation");
        Assert.Empty(H.Push.For(s.Conv, "conversation.otr-message-add"));
    }

    [Fact]
    public async Task Send_MalformedProtobuf_Returns400AndPushesNothing()
    {
        var s = await SetupAsync();
        var garbage = Enumerable.Repeat((byte)0xff, 64).ToArray();

        var response = await H.PostProtobufAsync(s.Path, s.A, garbage);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "bad-request");
        Assert.Empty(H.Push.For(s.Conv, "conversation.otr-message-add"));
    }

    [Fact]
    public async Task Send_TruncatedProtobuf_Returns400AndPushesNothing()
    {
        var s = await SetupAsync();
        var bytes = OtrMessages.Qualified(s.A1, AllOthers(s)).IgnoreAll().ToByteArray();

        var response = await H.PostProtobufAsync(s.Path, s.A, bytes[..(bytes.Length / 2)]);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "bad-request");
        Assert.Empty(H.Push.For(s.Conv, "conversation.otr-message-add"));
    }

    [Fact]
    public async Task Send_MissingRequiredSender_Returns400()
    {
        var s = await SetupAsync();
        var message = OtrMessages.Qualified(s.A1, AllOthers(s)).IgnoreAll();
        message.Sender = null;

        var response = await H.PostProtobufAsync(s.Path, s.A, message.ToByteArray());

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Send_BodyOver40MiB_Returns413AndPushesNothing()
    {
        var s = await SetupAsync();
        var content = new ByteArrayContent(new byte[(40 * 1024 * 1024) + 1]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        var request = new HttpRequestMessage(HttpMethod.Post, s.Path) { Content = content };
        request.Headers.ExpectContinue = true;
        request.Headers.Add("Z-User", s.A.ToString());

        var response = await H.Host.Internal.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, null);
        Assert.Empty(H.Push.For(s.Conv, "conversation.otr-message-add"));
    }

    [Fact]
    public async Task Send_ChunkedBodyOver40MiB_Returns413()
    {
        var s = await SetupAsync();
        var content = new StreamContent(new MemoryStream(new byte[(40 * 1024 * 1024) + 100]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        var request = new HttpRequestMessage(HttpMethod.Post, s.Path) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("Z-User", s.A.ToString());

        var response = await H.Host.Internal.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, null);
    }

    [Fact]
    public async Task Send_LargeValidMessageUnder40MiB_IsAccepted()
    {
        var s = await SetupAsync();
        var big = new byte[30 * 1024 * 1024];
        var message = OtrMessages.Qualified(s.A1, [(s.C, s.C1, big)]).IgnoreAll();

        var response = await H.PostProtobufAsync(s.Path, s.A, message.ToByteArray());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single(H.Push.For(s.Conv, "conversation.otr-message-add"));
    }

    [Fact]
    public async Task Send_TenThousandRecipients_Returns400AndPushesNothing()
    {
        var s = await SetupAsync();
        var recipients = Enumerable.Range(0, 10_000).Select(i => (Guid.NewGuid(), new ClientId((ulong)i + 1), new byte[] { 1, 2, 3 }));
        var message = OtrMessages.Qualified(s.A1, recipients).IgnoreAll();

        var response = await H.PostProtobufAsync(s.Path, s.A, message.ToByteArray());

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "bad-request");
        Assert.Empty(H.Push.For(s.Conv, "conversation.otr-message-add"));
    }

    [Fact]
    public async Task Send_WrongContentType_Returns415()
    {
        var s = await SetupAsync();

        var response = await H.SendAsync(HttpMethod.Post, s.Path, s.A, "{}");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Send_RemoteRecipient_IsReportedInFailedToSend()
    {
        var s = await SetupAsync();
        var message = OtrMessages.Qualified(s.A1, AllOthers(s)).ReportAll();
        var remote = Guid.NewGuid();
        message.Recipients.Add(new Galley.Messaging.Proto.QualifiedUserEntry
        {
            Domain = "remote.example.org",
            Entries =
            {
                new Galley.Messaging.Proto.UserEntry
                {
                    User = new Galley.Messaging.Proto.UserId { Uuid = ByteString.CopyFrom(remote.ToByteArray(bigEndian: true)) },
                    Clients = { new Galley.Messaging.Proto.ClientEntry { Client = new Galley.Messaging.Proto.ClientId { Client = 42 }, Text = ByteString.CopyFromUtf8("x") } },
                },
            },
        });

        var response = await H.PostProtobufAsync(s.Path, s.A, message.ToByteArray());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var failed = (await GalleyHost.JsonAsync(response)).GetProperty("failed_to_send").GetProperty("remote.example.org").GetProperty(remote.ToString("D"));
        Assert.Equal(["2a"], failed.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(4, H.Push.For(s.Conv, "conversation.otr-message-add").Count);
    }

    internal static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? label)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await GalleyHost.JsonAsync(response);
        Assert.Equal((int)status, body.GetProperty("code").GetInt32());
        Assert.True(body.TryGetProperty("message", out _));
        if (label is not null)
        {
            Assert.Equal(label, body.GetProperty("label").GetString());
        }
    }
}

public sealed class ProteusMessageSqliteTests(SqliteGalleyFixture fixture) : ProteusMessageTests(fixture), IClassFixture<SqliteGalleyFixture>;

public sealed class ProteusMessagePostgresTests(PostgresGalleyFixture fixture) : ProteusMessageTests(fixture), IClassFixture<PostgresGalleyFixture>;
