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
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var incoming = context.Request.Headers[ZHeaders.RequestId].ToString();
        var id = incoming.Length is > 0 and <= 128 && IsPlain(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.Request.Headers[ZHeaders.RequestId] = id;
        context.TraceIdentifier = id;
        context.Response.Headers[ZHeaders.RequestId] = id;
        using (logger.BeginScope(new RequestScope(id)))
        {
            await next(context).ConfigureAwait(false);
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
