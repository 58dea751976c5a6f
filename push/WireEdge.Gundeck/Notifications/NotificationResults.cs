using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Time;
using WireEdge.Gundeck.Push;

namespace WireEdge.Gundeck.Notifications;

/// <summary>Writes notification responses straight from stored payload bytes (no re-serialisation).</summary>
internal sealed class NotificationListResult(NotificationPage page, DateTimeOffset now, int statusCode) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        await using var w = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { SkipValidation = true });
        w.WriteStartObject();
        w.WriteStartArray("notifications");
        foreach (var n in page.Notifications)
        {
            NotificationJson.Write(w, n.Id, n.Payload, transient: false);
            if (w.BytesPending > 32 * 1024)
            {
                await w.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
            }
        }

        w.WriteEndArray();
        w.WriteBoolean("has_more", page.HasMore);
        w.WriteString("time", WireTime.Seconds(now));
        w.WriteEndObject();
        await w.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}

internal sealed class NotificationResult(StoredNotification notification) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await using var w = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { SkipValidation = true });
        NotificationJson.Write(w, notification.Id, notification.Payload, transient: false);
        await w.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
