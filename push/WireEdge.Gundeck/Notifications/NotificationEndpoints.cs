using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Identity;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Services;
using WireEdge.Contracts.Time;
using WireEdge.Contracts.Versioning;

namespace WireEdge.Gundeck.Notifications;

/// <summary>The public notification API (FACTS.md §5.1, CLIENT-CONTRACT.md §4 row 19).</summary>
internal static class NotificationEndpoints
{
    public const int MinSize = 100;
    public const int MaxSize = 10_000;
    public const int DefaultSize = 1000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/notifications", ListAsync);
        endpoints.MapGet("/notifications/last", LastAsync);
        endpoints.MapGet("/notifications/{id}", GetAsync);
        endpoints.MapGet("/time", (TimeProvider time) => Results.Text(
            JsonSerializer.Serialize(new Dictionary<string, string> { ["time"] = WireTime.Seconds(time.GetUtcNow()) }, GundeckJsonContext.Default.DictionaryStringString),
            "application/json"));
    }

    private static async Task<IResult> ListAsync(HttpContext context, INotificationStore store, TimeProvider time, IOptions<GundeckOptions> options)
    {
        if (context.ZIdentity() is not { } me)
        {
            return WireErrors.Unauthorized("Missing user", "missing-auth");
        }

        var query = context.Request.Query;
        if (!TryClient(query["client"], out var client))
        {
            return WireErrors.BadRequest("Invalid client id");
        }

        var size = DefaultSize;
        var sizeText = query["size"].ToString();
        if (sizeText.Length > 0 && (!int.TryParse(sizeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size is < MinSize or > MaxSize))
        {
            return WireErrors.BadRequest($"size must be between {MinSize} and {MaxSize}");
        }

        if (client is { } active && context.RequestServices.GetService<IBrigInternal>() is { } brig)
        {
            try
            {
                await brig.MarkClientActiveAsync(me.User, active, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException)
            {
                // last_active is informational; never fail the fetch over it.
            }
        }

        var legacy = context.ApiVersion() < 3;
        var max = options.Value.MaxPayloadLoadSize;
        var sinceText = query["since"].ToString();
        NotificationCursor? since = null;
        var found = true;
        if (sinceText.Length > 0)
        {
            if (!NotificationId.TryParse(sinceText, out var sinceId))
            {
                if (!legacy)
                {
                    return WireErrors.BadRequest("Invalid Notification ID");
                }

                found = false;
            }
            else
            {
                since = NotificationCursor.Of(sinceId);
                found = await store.ExistsAsync(me.User, sinceId, context.RequestAborted).ConfigureAwait(false);
                if (!found && !legacy)
                {
                    return WireErrors.NotFound("Some notifications not found");
                }
            }
        }

        var page = await store.PageAsync(me.User, client, since, size, max, context.RequestAborted).ConfigureAwait(false);
        return new NotificationListResult(page, time.GetUtcNow(), found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> LastAsync(HttpContext context, INotificationStore store)
    {
        if (context.ZIdentity() is not { } me)
        {
            return WireErrors.Unauthorized("Missing user", "missing-auth");
        }

        if (!TryClient(context.Request.Query["client"], out var client))
        {
            return WireErrors.BadRequest("Invalid client id");
        }

        var n = await store.LastAsync(me.User, client, context.RequestAborted).ConfigureAwait(false);
        return n is { } found ? new NotificationResult(found) : WireErrors.NotFound("Some notifications not found");
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, INotificationStore store)
    {
        if (context.ZIdentity() is not { } me)
        {
            return WireErrors.Unauthorized("Missing user", "missing-auth");
        }

        if (!TryClient(context.Request.Query["client"], out var client))
        {
            return WireErrors.BadRequest("Invalid client id");
        }

        if (!Guid.TryParse(id, out var nid))
        {
            return WireErrors.BadRequest("Invalid Notification ID");
        }

        if (!NotificationId.IsTimeUuid(nid))
        {
            return WireErrors.NotFound("Some notifications not found");
        }

        var n = await store.GetAsync(me.User, nid, client, context.RequestAborted).ConfigureAwait(false);
        return n is { } found ? new NotificationResult(found) : WireErrors.NotFound("Some notifications not found");
    }

    private static bool TryClient(Microsoft.Extensions.Primitives.StringValues value, out ClientId? client)
    {
        client = null;
        var text = value.ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (ClientId.TryParse(text, out var c))
        {
            client = c;
            return true;
        }

        return false;
    }
}
