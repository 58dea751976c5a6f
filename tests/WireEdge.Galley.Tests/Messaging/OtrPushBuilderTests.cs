using System.Text.Json;
using WireEdge.Contracts.Push;
using WireEdge.Galley.Messaging;

namespace WireEdge.Galley.Tests.Messaging;

public sealed class OtrPushBuilderTests
{
    [Fact]
    public void Build_EachPayloadIsTheFullEventForItsClient_SlicedFromSharedChunks()
    {
        var conv = Guid.NewGuid();
        var sender = Guid.NewGuid();
        var users = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();
        var message = new OtrMessage
        {
            SenderClient = 0xabc,
            Recipients = [.. users.Select((u, i) => new OtrRecipient("d.example.com", u, (ulong)i, Enumerable.Range(0, i).Select(b => (byte)b).ToArray()))],
            Blob = new byte[] { 0, 255 },
            Priority = NativePriority.Low,
            Strategy = MismatchStrategy.IgnoreAll,
        };
        var time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        var (prefix, suffix) = OtrPushBuilder.Common(message, conv, "d.example.com", sender, time);

        var pushes = OtrPushBuilder.Build(message, [.. Enumerable.Range(0, 20)], prefix, suffix, sender, "c1");

        Assert.Equal(20, pushes.Length);
        var buffers = new HashSet<byte[]>();
        for (var i = 0; i < 20; i++)
        {
            var p = pushes[i];
            Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(p.Payload, out var segment));
            buffers.Add(segment.Array!);
            Assert.Equal(NativePriority.Low, p.NativePriority);
            Assert.Equal("c1", p.OriginConnection);
            using var doc = JsonDocument.Parse(p.Payload);
            var ev = Assert.Single(doc.RootElement.EnumerateArray().ToList());
            Assert.Equal("conversation.otr-message-add", ev.GetProperty("type").GetString());
            Assert.Equal("2026-01-02T03:04:05.678Z", ev.GetProperty("time").GetString());
            var data = ev.GetProperty("data");
            Assert.Equal("abc", data.GetProperty("sender").GetString());
            Assert.Equal(i.ToString("x", System.Globalization.CultureInfo.InvariantCulture), data.GetProperty("recipient").GetString());
            Assert.Equal(message.Recipients[i].Text.ToArray(), Convert.FromBase64String(data.GetProperty("text").GetString()!));
            Assert.Equal("AP8=", data.GetProperty("data").GetString());
        }

        Assert.Single(buffers);
        Assert.All(buffers, b => Assert.True(b.Length < 85_000));
    }

    [Fact]
    public void Build_ManyRecipients_SpreadsPayloadsOverChunksBelowTheLargeObjectHeap()
    {
        var message = new OtrMessage
        {
            SenderClient = 1,
            Recipients = [.. Enumerable.Range(0, 1000).Select(i => new OtrRecipient("d.example.com", Guid.NewGuid(), (ulong)i + 2, new byte[256]))],
            Strategy = MismatchStrategy.IgnoreAll,
        };
        var (prefix, suffix) = OtrPushBuilder.Common(message, Guid.NewGuid(), "d.example.com", Guid.NewGuid(), DateTimeOffset.UnixEpoch);

        var pushes = OtrPushBuilder.Build(message, [.. Enumerable.Range(0, 1000)], prefix, suffix, Guid.NewGuid(), null);

        var buffers = new HashSet<byte[]>();
        foreach (var p in pushes)
        {
            Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(p.Payload, out var segment));
            buffers.Add(segment.Array!);
            using var doc = JsonDocument.Parse(p.Payload);
            Assert.Equal(new byte[256], Convert.FromBase64String(doc.RootElement[0].GetProperty("data").GetProperty("text").GetString()!));
        }

        Assert.InRange(buffers.Count, 2, 1000 / 10);
        Assert.All(buffers, b => Assert.True(b.Length < 85_000));
    }

    [Fact]
    public void Build_PayloadLargerThanAChunk_GetsItsOwnBuffer()
    {
        var message = new OtrMessage
        {
            SenderClient = 1,
            Recipients = [new OtrRecipient("d.example.com", Guid.NewGuid(), 2, new byte[200_000])],
            Strategy = MismatchStrategy.IgnoreAll,
        };
        var (prefix, suffix) = OtrPushBuilder.Common(message, Guid.NewGuid(), "d.example.com", Guid.NewGuid(), DateTimeOffset.UnixEpoch);

        var push = Assert.Single(OtrPushBuilder.Build(message, [0], prefix, suffix, Guid.NewGuid(), null));

        using var doc = JsonDocument.Parse(push.Payload);
        Assert.Equal(200_000, Convert.FromBase64String(doc.RootElement[0].GetProperty("data").GetProperty("text").GetString()!).Length);
    }
}
