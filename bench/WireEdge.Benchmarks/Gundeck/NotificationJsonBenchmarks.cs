using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using WireEdge.Gundeck.Push;

namespace WireEdge.Benchmarks.Gundeck;

/// <summary>
/// Event JSON: the notification object gundeck writes once per push (<c>{"id","payload"}</c>) and every socket and
/// the notification log then share. <see cref="Encode"/> returns the one array the push keeps; writing into a reused
/// writer must not allocate at all.
/// </summary>
[MemoryDiagnoser]
public class NotificationJsonBenchmarks
{
    private readonly ArrayBufferWriter<byte> buffer = new(8192);
    private readonly Guid id = Guid.NewGuid();
    private Utf8JsonWriter writer = null!;
    private byte[] payload = [];

    [Params(1)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var json = "[" + string.Join(',', Enumerable.Repeat("""{"type":"conversation.otr-message-add","conversation":"4ee8e8b4-2d0f-4c9e-a8cf-6ab0e3c5f7a1","from":"5f3a1c9b-2e4d-4c9e-a8cf-6ab0e3c5f7a1","time":"2026-11-28T12:00:00.000Z","data":{"sender":"5f3a1c9b2e4d","recipient":"1a2b3c4d5e6f","text":"b3RyIG1lc3NhZ2UgY2lwaGVydGV4dCBvdHIgbWVzc2FnZSBjaXBoZXJ0ZXh0"}}""", Events)) + "]";
        payload = Encoding.UTF8.GetBytes(json);
        writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
    }

    [GlobalCleanup]
    public void Cleanup() => writer.Dispose();

    [Benchmark]
    public int Encode() => NotificationJson.Encode(id, payload, transient: false).Length;

    [Benchmark]
    public long WriteReused()
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        NotificationJson.Write(writer, id, payload, transient: false);
        writer.Flush();
        return writer.BytesCommitted;
    }
}
