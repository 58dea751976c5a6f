using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WireEdge.Cannon.Drain;
using WireEdge.Cannon.Tests.Support;
using WireEdge.Hosting.Observability;

namespace WireEdge.Cannon.Tests.Lifecycle;

/// <summary>Keep-alive timing, drain pacing and epoch closes: run alone, not beside the other classes' hosts,
/// since the server and the test clients share this process and its thread pool.</summary>
[CollectionDefinition(nameof(LifecycleTests), DisableParallelization = true)]
public sealed class LifecycleCollection;

[Collection(nameof(LifecycleTests))]
public sealed class LifecycleTests
{
    [Fact]
    public async Task PresenceEpochChange_ClosesSocketsRegisteredUnderTheOldEpoch()
    {
        await using var host = await CannonHost.StartAsync(new Dictionary<string, string?> { ["Cannon:EpochPollInterval"] = "00:00:00.200" });
        var (ws, _, _) = await host.ConnectAsync();
        await using var _ws = ws;
        await Task.Delay(600);
        Assert.Null(await TryReadAsync(ws, TimeSpan.FromMilliseconds(100))); // still open, nothing sent
        host.Presence.Epoch = "epoch-2";
        var close = await ws.WaitClosedAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(0x8, close!.Value.Opcode);
        Assert.Equal(1001, BinaryPrimitives.ReadUInt16BigEndian(close.Value.Payload));

        var (fresh, _, _) = await host.ConnectAsync(); // registers under the new epoch and stays open
        await using var _fresh = fresh;
        Assert.Null(await TryReadAsync(fresh, TimeSpan.FromMilliseconds(800)));
    }

    [Fact]
    public async Task SilentClient_IsClosedAfterPongTimeout_WhileAnsweringClientStaysOpen()
    {
        await using var host = await CannonHost.StartAsync(new Dictionary<string, string?>
        {
            ["Cannon:PingInterval"] = "00:00:00.500",
            ["Cannon:PongTimeout"] = "00:00:05", // the answering client must not miss it on a loaded machine
        });
        var (silent, _, _) = await host.ConnectAsync();
        var (alive, _, _) = await host.ConnectAsync();
        await using var _s = silent;
        await using var _a = alive;
        var keep = Task.Run(async () =>
        {
            while (await alive.ReadFrameAsync(TimeSpan.FromSeconds(5)) is { } f)
            {
                if (f.Opcode == 0x9)
                {
                    await alive.SendAsync(0xA, f.Payload);
                }
            }
        });
        var first = await silent.ReadFrameAsync();
        Assert.Equal(0x9, first!.Value.Opcode); // protocol ping
        // Closed by the pong timeout (the client never closes it); the wall-clock bound is generous on purpose:
        // CI machines are loaded, and the default timeout (30 s) would not close it within this window.
        Assert.NotNull(await silent.WaitClosedAsync(TimeSpan.FromSeconds(10)));
        var registry = host.Host.Services.GetRequiredService<Sockets.SocketRegistry>();
        // The server forgets the silent socket just after closing it: wait for that instead of racing it.
        await Poll.UntilAsync(
            () => registry.Count == 1,
            describe: () => $"registered sockets: {registry.Count} (expected 1); answering client ended: {keep.IsCompleted} {keep.Exception?.GetBaseException().Message}");
        Assert.False(keep.IsCompleted, "the client that answers pings must stay open");
    }

    [Fact]
    public async Task Drain_TurnsReadinessFalseAndClosesInPacedBatchesWithPayloadClose()
    {
        await using var host = await CannonHost.StartAsync(new Dictionary<string, string?>
        {
            ["Cannon:Drain:GracePeriodSeconds"] = "0.6",
            ["Cannon:Drain:MillisecondsBetweenBatches"] = "200",
            ["Cannon:Drain:MinBatchSize"] = "2",
        });
        var clients = new List<WsTestClient>();
        for (var i = 0; i < 6; i++)
        {
            clients.Add((await host.ConnectAsync()).Client);
        }

        var closedAt = clients.Select(async c =>
        {
            var f = await c.WaitClosedAsync(TimeSpan.FromSeconds(10));
            return (At: DateTime.UtcNow, Frame: f);
        }).ToList();
        var drain = host.Host.Services.GetRequiredService<CannonDrain>();
        var drained = await drain.DrainAsync();
        Assert.Equal(6, drained);
        Assert.False(host.Host.Services.GetRequiredService<HostReadiness>().IsReady);
        using (var status = await host.Host.Internal.GetAsync("/i/status"))
        {
            Assert.Equal(503, (int)status.StatusCode);
        }

        var results = await Task.WhenAll(closedAt);
        foreach (var r in results)
        {
            Assert.Equal(0x8, r.Frame!.Value.Opcode);
            Assert.Equal(1000, BinaryPrimitives.ReadUInt16BigEndian(r.Frame.Value.Payload));
            Assert.Equal("close", Encoding.UTF8.GetString(r.Frame.Value.Payload.AsSpan(2)));
        }

        var spread = results.Max(r => r.At) - results.Min(r => r.At);
        Assert.True(spread >= TimeSpan.FromMilliseconds(300), $"closes not paced: {spread}");

        var late = await WsTestClient.ConnectAsync(host.PublicUri, "/await?access_token=" + Uri.EscapeDataString(host.Token(Guid.NewGuid(), 1)));
        await using var _late = late;
        Assert.Equal(503, late.Status);
        foreach (var c in clients)
        {
            await c.DisposeAsync();
        }
    }

    private static async Task<(int, byte[])?> TryReadAsync(WsTestClient ws, TimeSpan wait)
    {
        try
        {
            return await ws.ReadFrameAsync(wait);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
