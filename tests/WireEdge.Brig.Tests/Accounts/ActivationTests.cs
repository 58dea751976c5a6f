using System.Net;
using System.Text.Json.Nodes;
using MimeKit;

namespace WireEdge.Brig.Tests.Accounts;

public abstract class ActivationTests(BrigHostFixture fixture)
{
    private BrigApi Api => fixture.Api;

    /// <summary>The newest activation code e-mailed to <paramref name="email"/> (outbox .eml files).</summary>
    public static async Task<string> CodeFromOutboxAsync(string dataDirectory, string email)
    {
        var outbox = Path.Combine(dataDirectory, "outbox");
        for (var attempt = 0; attempt < 1500; attempt++) // up to ~30 s: the outbox is written asynchronously
        {
            if (Directory.Exists(outbox))
            {
                foreach (var file in Directory.GetFiles(outbox, "*.eml").OrderDescending())
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase)))
                    {
                        return message.Headers["X-Zeta-Code"] ?? throw new InvalidOperationException("no code header");
                    }
                }
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException($"no activation e-mail for {email}");
    }

    [Fact]
    public async Task Register_SendsActivationCode_AndActivateConfirmsEmail()
    {
        var user = await Api.RegisterAsync();
        var before = await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/self", token: user.Token));
        Assert.Equal(user.Email, (string?)before["email_unvalidated"]);

        var code = await CodeFromOutboxAsync(fixture.Host.DataDirectory, user.Email);
        Assert.Matches("^[0-9]{6}$", code);
        var r = await Api.SendAsync(HttpMethod.Post, "/v8/activate", new JsonObject { ["email"] = user.Email, ["code"] = code }.ToJsonString(), gzip: true);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await BrigApi.BodyAsync(r);
        Assert.True((bool)body["first"]!);
        Assert.Equal(user.Email, (string)body["email"]!);
        var after = await BrigApi.BodyAsync(await Api.SendAsync(HttpMethod.Get, "/v8/self", token: user.Token));
        Assert.Equal(user.Email, (string?)after["email"]);
        Assert.Null(after["email_unvalidated"]);
        var events = await Api.EventsAsync(user);
        Assert.Contains(events, e => (string?)e["type"] == "user.activate");
    }

    [Fact]
    public async Task Activate_WithWrongCode_Returns404InvalidCode()
    {
        var user = await Api.RegisterAsync();

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/activate", new JsonObject { ["email"] = user.Email, ["code"] = "not-it" }.ToJsonString());

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.NotFound, "invalid-code");
    }

    [Fact]
    public async Task SendActivation_ForActivatedEmail_Returns409KeyExists()
    {
        var user = await Api.RegisterAsync();
        var code = await CodeFromOutboxAsync(fixture.Host.DataDirectory, user.Email);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Post, "/v8/activate", new JsonObject { ["email"] = user.Email, ["code"] = code }.ToJsonString())).StatusCode);

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/activate/send", new JsonObject { ["email"] = user.Email }.ToJsonString());

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Conflict, "key-exists");
    }

    [Theory]
    [InlineData("""{"email":"nope"}""", "invalid-email")]
    [InlineData("""{"phone":"+4912345678"}""", "invalid-phone")]
    [InlineData("""{}""", "bad-request")]
    [InlineData("""{"email":42}""", "bad-request")]
    [InlineData("""{"email":""", "bad-request")]
    public async Task SendActivation_WithInvalidBody_Returns400(string json, string label)
    {
        var r = await Api.SendAsync(HttpMethod.Post, "/v8/activate/send", json);

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.BadRequest, label);
    }

    [Fact]
    public async Task PreRegistrationCode_IsAcceptedAsEmailCode_AndUserIsActivated()
    {
        var email = BrigApi.NewEmail();
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Post, "/v8/activate/send", new JsonObject { ["email"] = email }.ToJsonString())).StatusCode);
        var code = await CodeFromOutboxAsync(fixture.Host.DataDirectory, email);
        var dry = await Api.SendAsync(HttpMethod.Post, "/v8/activate", new JsonObject { ["email"] = email, ["code"] = code, ["dryrun"] = true }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);

        var body = new JsonObject { ["name"] = "Coded", ["email"] = email, ["password"] = BrigApi.DefaultPassword, ["email_code"] = code };
        var r = await Api.SendAsync(HttpMethod.Post, "/v8/register", body.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var user = await BrigApi.BodyAsync(r);
        Assert.Equal(email, (string?)user["email"]);
        Assert.Null(user["email_unvalidated"]);
    }

    [Fact]
    public async Task Register_WithWrongEmailCode_Returns404InvalidCode()
    {
        var body = new JsonObject { ["name"] = "Coded", ["email"] = BrigApi.NewEmail(), ["password"] = BrigApi.DefaultPassword, ["email_code"] = "123456" };

        var r = await Api.SendAsync(HttpMethod.Post, "/v8/register", body.ToJsonString());

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.NotFound, "invalid-code");
    }
}

public sealed class ActivationSqliteTests(SqliteBrigHost f) : ActivationTests(f), IClassFixture<SqliteBrigHost>;

public sealed class ActivationPostgresTests(PostgresBrigHost f) : ActivationTests(f), IClassFixture<PostgresBrigHost>;

/// <summary>Hosts with <c>Brig:RequireActivation=true</c> (wire-server's behaviour).</summary>
public abstract class ActivationRequiredHost(WireEdge.Storage.Connections.StorageKind kind) : BrigHostFixture(kind)
{
    protected override IReadOnlyDictionary<string, string?> Extra => new Dictionary<string, string?> { ["Brig:RequireActivation"] = "true" };
}

public sealed class SqliteActivationRequiredHost() : ActivationRequiredHost(WireEdge.Storage.Connections.StorageKind.Sqlite);

public sealed class PostgresActivationRequiredHost() : ActivationRequiredHost(WireEdge.Storage.Connections.StorageKind.Postgres);

public abstract class ActivationRequiredTests(BrigHostFixture fixture)
{
    private BrigApi Api => fixture.Api;

    [Fact]
    public async Task Login_BeforeActivation_Returns403PendingActivation_AndAfterActivation_Succeeds()
    {
        var email = BrigApi.NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, "/v8/register", BrigApi.RegisterJson(email))).StatusCode);

        var before = await Api.LoginAsync(email, BrigApi.DefaultPassword);
        await BrigApi.AssertErrorAsync(before, HttpStatusCode.Forbidden, "pending-activation");

        var code = await ActivationTests.CodeFromOutboxAsync(fixture.Host.DataDirectory, email);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Post, "/v8/activate", new JsonObject { ["email"] = email, ["code"] = code }.ToJsonString())).StatusCode);
        var after = await Api.LoginAsync(email, BrigApi.DefaultPassword);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Login_BeforeActivation_WithWrongPassword_IsStillAuthenticationFailed()
    {
        var email = BrigApi.NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, "/v8/register", BrigApi.RegisterJson(email))).StatusCode);

        var r = await Api.LoginAsync(email, "wrong password!");

        await BrigApi.AssertErrorAsync(r, HttpStatusCode.Forbidden, "invalid-credentials", "Authentication failed.");
    }
}

public sealed class ActivationRequiredSqliteTests(SqliteActivationRequiredHost f) : ActivationRequiredTests(f), IClassFixture<SqliteActivationRequiredHost>;

public sealed class ActivationRequiredPostgresTests(PostgresActivationRequiredHost f) : ActivationRequiredTests(f), IClassFixture<PostgresActivationRequiredHost>;
