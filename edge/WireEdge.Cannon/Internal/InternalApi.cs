using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WireEdge.Cannon.Sockets;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Push;

namespace WireEdge.Cannon.Internal;

/// <summary>Cannon's internal API (FACTS.md §4.3), called by gundeck.</summary>
internal static class InternalApi
{
    private static readonly byte[] GoneBody = """{"code":410,"label":"general","message":"client gone"}"""u8.ToArray();

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/i/push/{user:guid}/{conn}", PushAsync);
        endpoints.MapPost("/i/bulkpush", BulkPushAsync);
        endpoints.MapPost("/i/close", CloseAsync);
        endpoints.MapMethods("/i/presences/{user:guid}/{conn}", ["HEAD"], PresenceAsync);
    }

    private static async Task PushAsync(HttpContext http, Guid user, string conn, CannonHub hub)
    {
        var body = await ReadBodyAsync(http, hub.Options.MaxPushBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            await WireErrors.TooLarge().ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        if (hub.Push(user, conn, body) == EnqueueResult.Queued)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        http.Response.StatusCode = StatusCodes.Status410Gone;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(GoneBody).ConfigureAwait(false);
    }

    private static async Task BulkPushAsync(HttpContext http, CannonHub hub)
    {
        var body = await ReadBodyAsync(http, hub.Options.MaxPushBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            await WireErrors.TooLarge().ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        List<BulkPushNotification> request;
        try
        {
            request = BulkPushJson.ParseRequest(body);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            await WireErrors.BadRequest("Malformed bulkpush request").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var results = hub.Deliver(request);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        BulkPushJson.WriteResponse(http.Response.BodyWriter, results);
        await http.Response.BodyWriter.FlushAsync().ConfigureAwait(false);
    }

    private static async Task CloseAsync(HttpContext http, CannonHub hub)
    {
        var body = await ReadBodyAsync(http, hub.Options.MaxPushBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            await WireErrors.TooLarge().ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        List<BulkPushTarget> targets;
        try
        {
            targets = BulkPushJson.ParseCloseRequest(body);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            await WireErrors.BadRequest("Malformed close request").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var closed = hub.Close(targets);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        using var w = new Utf8JsonWriter(http.Response.BodyWriter);
        w.WriteStartObject();
        w.WriteNumber("closed", closed);
        w.WriteEndObject();
        await w.FlushAsync().ConfigureAwait(false);
    }

    private static async Task<IResult> PresenceAsync(Guid user, string conn, CannonHub hub, CancellationToken cancellationToken)
    {
        var registry = hub.Presence.Registry;
        if (registry is not null)
        {
            var presences = await registry.GetAsync([user], cancellationToken).ConfigureAwait(false);
            foreach (var p in presences)
            {
                if (p.User == user && p.Connection == conn)
                {
                    return Results.Ok();
                }
            }
        }

        return WireErrors.NotFound("presence not registered");
    }

    /// <summary>Reads the whole body into one array (frames keep referencing it); null when larger than <paramref name="max"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, int max)
    {
        if (http.Request.ContentLength is long declared && declared > max)
        {
            return null;
        }

        var reader = http.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(http.RequestAborted).ConfigureAwait(false);
            if (result.Buffer.Length > max)
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
