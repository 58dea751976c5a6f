using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WireEdge.Contracts.Identity;

namespace WireEdge.Hosting.Observability;

/// <summary>
/// Gives every request a <c>Request-Id</c> (kept from a trusted upstream, else new), returns it to
/// the client and opens a logging scope with it so every log line of the request carries it.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    // New ids are a random per-process prefix plus a counter: unique, 32 hex digits like a GUID, and
    // without the system call Guid.NewGuid() makes on every request.
    private static readonly ulong Prefix = (ulong)Random.Shared.NextInt64() ^ ((ulong)Environment.ProcessId << 40);
    private static long counter;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var incoming = context.Request.Headers[ZHeaders.RequestId].ToString();
        var id = incoming.Length is > 0 and <= 128 && IsPlain(incoming) ? incoming : NewId();
        context.Request.Headers[ZHeaders.RequestId] = id;
        context.TraceIdentifier = id;
        context.Response.Headers[ZHeaders.RequestId] = id;
        var scope = logger.BeginScope(new RequestScope(id));
        Task pending;
        try
        {
            pending = next(context);
        }
        catch
        {
            scope?.Dispose();
            throw;
        }

        if (pending.IsCompletedSuccessfully)
        {
            scope?.Dispose();
            return pending;
        }

        return AwaitAsync(pending, scope);
    }

    /// <summary>A fresh request id: 16 hex digits of the process prefix, then 16 of a counter.</summary>
    internal static string NewId()
    {
        var n = (ulong)Interlocked.Increment(ref counter);
        return string.Create(32, n, static (span, value) =>
        {
            Prefix.TryFormat(span[..16], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
            value.TryFormat(span[16..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    private static async Task AwaitAsync(Task pending, IDisposable? scope)
    {
        using (scope)
        {
            await pending.ConfigureAwait(false);
        }
    }

    private static bool IsPlain(string s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class RequestScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] => new("RequestId", requestId);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "RequestId:" + requestId;
    }
}
