using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireEdge.Storage.Connections;

namespace WireEdge.Gundeck.Tests.Api;

/// <summary>
/// The whole gundeck path over real sockets: presence registered through <c>POST /i/presences</c>
/// (into the embedded Garnet), a push through <c>POST /i/push/v2</c>, and a stand-in cannon on its
/// own port receiving <c>POST /i/bulkpush</c> and <c>POST /i/close</c> over HTTP.
/// </summary>
public sealed class LiveRoutingTests() : GundeckHostTestBase(StorageKind.Sqlite), IAsyncLifetime
{
    private WebApplication cannon = null!;
    private Uri cannonUri = null!;
    private readonly ConcurrentQueue<string> bulk = new();
    private readonly ConcurrentQueue<string> closes = new();
    private volatile string mode = "ok";

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var b = WebApplication.CreateSlimBuilder();
        b.WebHost.UseUrls("http://127.0.0.1:0");
        b.Logging.ClearProviders();
        cannon = b.Build();
        cannon.MapPost("/i/bulkpush", async (HttpContext c) =>
        {
            using var doc = await JsonDocument.ParseAsync(c.Request.Body);
            bulk.Enqueue(doc.RootElement.GetRawText());
            if (mode == "fail")
            {
                return Results.StatusCode(500);
            }

            var resp = new StringBuilder("{\"bulkpush_resp\":[");
            var first = true;
            foreach (var item in doc.RootElement.GetProperty("bulkpush_req").EnumerateArray())
            {
                var id = item.GetProperty("notification").GetProperty("id").GetString();
                foreach (var t in item.GetProperty("targets").EnumerateArray())
                {
                    resp.Append(first ? "" : ",").Append($"{{\"notif_id\":\"{id}\",\"target\":{t.GetRawText()},\"status\":\"{(mode == "gone" ? "push_status_gone" : "push_status_ok")}\"}}");
                    first = false;
                }
            }

            return Results.Text(resp.Append("]}").ToString(), "application/json");
        });
        cannon.MapPost("/i/close", async (HttpContext c) =>
        {
            using var doc = await JsonDocument.ParseAsync(c.Request.Body);
            closes.Enqueue(doc.RootElement.GetRawText());
            return Results.Ok();
        });
        await cannon.StartAsync();
        cannonUri = new Uri(cannon.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await cannon.StopAsync();
        await cannon.DisposeAsync();
        await DisposeAsync();
    }

    private async Task RegisterAsync(Guid user, string conn, string? client)
    {
        var json = $"{{\"user_id\":\"{user}\",\"device_id\":\"{conn}\",\"resource\":\"{cannonUri.AbsoluteUri.TrimEnd('/')}/i/push/{user}/{conn}\",\"client_id\":{(client is null ? "null" : $"\"{client}\"")}}}";
        using var response = await Host.Internal.PostAsync("/i/presences", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
    }

    private async Task<JsonElement> PresencesAsync(Guid user)
    {
        using var response = await Host.Internal.GetAsync($"/i/presences/{user}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    [Fact]
    public async Task Push_ReachesCannonOverHttp_WithStoredId_AndTargets()
    {
        var u = Guid.NewGuid();
        await RegisterAsync(u, "c1", "a");
        await RegisterAsync(u, "c2", "b");
        var listed = await PresencesAsync(u);
        Assert.Equal(2, listed.GetArrayLength());
        Assert.Contains(listed.EnumerateArray(), p => p.GetProperty("device_id").GetString() == "c1" && p.GetProperty("client_id").GetString() == "a"
            && p.GetProperty("resource").GetString()!.EndsWith($"/i/push/{u}/c1", StringComparison.Ordinal));
        using var byIds = await Host.Internal.GetAsync($"/i/presences?ids={u},{Guid.NewGuid()}");
        Assert.Equal(2, JsonDocument.Parse(await byIds.Content.ReadAsStringAsync()).RootElement.GetArrayLength());

        await PushAsync(PushJson(u, "hello", "\"a\""));
        Assert.True(await EventuallyAsync(() => Task.FromResult(!bulk.IsEmpty)));
        using var req = JsonDocument.Parse(Assert.Single(bulk));
        var item = Assert.Single(req.RootElement.GetProperty("bulkpush_req").EnumerateArray());
        var target = Assert.Single(item.GetProperty("targets").EnumerateArray());
        Assert.Equal("c1", target.GetProperty("conn_id").GetString());
        Assert.Equal(u, target.GetProperty("user_id").GetGuid());

        using var stored = await SendAsync(As(u, HttpMethod.Get, "/v8/notifications?client=a"));
        var storedId = JsonDocument.Parse(await stored.Content.ReadAsStringAsync()).RootElement.GetProperty("notifications")[0].GetProperty("id").GetString();
        Assert.Equal(storedId, item.GetProperty("notification").GetProperty("id").GetString());
        Assert.Equal("hello", item.GetProperty("notification").GetProperty("payload")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task GoneAnswer_RemovesPresence()
    {
        var u = Guid.NewGuid();
        await RegisterAsync(u, "c1", null);
        mode = "gone";
        await PushAsync(PushJson(u, "x"));
        Assert.True(await EventuallyAsync(async () => (await PresencesAsync(u)).GetArrayLength() == 0));
        Assert.Empty(closes);
    }

    [Fact]
    public async Task FailingCannon_RemovesPresence_AndIsAskedToClose()
    {
        var u = Guid.NewGuid();
        await RegisterAsync(u, "c1", null);
        mode = "fail";
        await PushAsync(PushJson(u, "x"));
        Assert.True(await EventuallyAsync(async () => (await PresencesAsync(u)).GetArrayLength() == 0));
        Assert.True(await EventuallyAsync(() => Task.FromResult(!closes.IsEmpty)));
        using var close = JsonDocument.Parse(Assert.Single(closes));
        var t = Assert.Single(close.RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal("c1", t.GetProperty("conn_id").GetString());

        // A later push to the same user reaches no socket (the presence is gone) but is still stored.
        var before = bulk.Count;
        mode = "ok";
        await PushAsync(PushJson(u, "later"));
        await Task.Delay(200);
        Assert.Equal(before, bulk.Count);
    }

    [Fact]
    public async Task DeletePresence_ByCannonAuthority()
    {
        var u = Guid.NewGuid();
        await RegisterAsync(u, "c1", null);
        using var wrong = await Host.Internal.DeleteAsync($"/i/presences/{u}/devices/c1/cannons/10.9.9.9:1");
        Assert.Equal(1, (await PresencesAsync(u)).GetArrayLength());
        using var right = await Host.Internal.DeleteAsync($"/i/presences/{u}/devices/c1/cannons/{cannonUri.Authority}");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(0, (await PresencesAsync(u)).GetArrayLength());
    }

    [Fact]
    public async Task Epoch_IsServedAndStable()
    {
        var e1 = JsonDocument.Parse(await Host.Internal.GetStringAsync("/i/presences/epoch")).RootElement.GetProperty("epoch").GetString();
        var e2 = JsonDocument.Parse(await Host.Internal.GetStringAsync("/i/presences/epoch")).RootElement.GetProperty("epoch").GetString();
        Assert.False(string.IsNullOrEmpty(e1));
        Assert.Equal(e1, e2);
    }
}
