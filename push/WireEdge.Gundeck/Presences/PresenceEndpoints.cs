using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Push;

namespace WireEdge.Gundeck.Presences;

/// <summary>
/// Internal presence API (FACTS.md §5.2) plus <c>GET /i/presences/epoch</c> and
/// <c>POST /i/presences/lookup</c> (body: array of user ids) used by <see cref="HttpPresenceRegistry"/>.
/// </summary>
internal static class PresenceEndpoints
{
    private const int MaxUsers = 10_000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/i/presences", async (HttpContext context, IPresenceRegistry registry) =>
        {
            var ids = new List<Guid>();
            foreach (var part in context.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Guid.TryParse(part, out var g))
                {
                    return WireErrors.BadRequest("ids: comma separated user ids");
                }

                ids.Add(g);
            }

            return ids.Count > MaxUsers ? WireErrors.BadRequest("too many ids") : await ListAsync(registry, ids, context.RequestAborted).ConfigureAwait(false);
        });
        endpoints.MapPost("/i/presences/lookup", async (HttpContext context, IPresenceRegistry registry) =>
        {
            List<Guid>? ids;
            try
            {
                ids = await JsonSerializer.DeserializeAsync(context.Request.Body, GundeckJsonContext.Default.ListGuid, context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return WireErrors.BadRequest("expected an array of user ids");
            }

            return ids is null || ids.Count > MaxUsers ? WireErrors.BadRequest("expected an array of user ids") : await ListAsync(registry, ids, context.RequestAborted).ConfigureAwait(false);
        });
        endpoints.MapGet("/i/presences/epoch", async (HttpContext context, IPresenceRegistry registry) =>
            Results.Json(new EpochDto { Epoch = await registry.GetEpochAsync(context.RequestAborted).ConfigureAwait(false) }, GundeckJsonContext.Default.EpochDto));
        endpoints.MapGet("/i/presences/{uid:guid}", (HttpContext context, Guid uid, IPresenceRegistry registry) => ListAsync(registry, [uid], context.RequestAborted));
        endpoints.MapPost("/i/presences", async (HttpContext context, IPresenceRegistry registry, TimeProvider time) =>
        {
            PresenceDto? dto;
            try
            {
                dto = await JsonSerializer.DeserializeAsync(context.Request.Body, GundeckJsonContext.Default.PresenceDto, context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return WireErrors.BadRequest("Invalid presence");
            }

            if (dto?.ToPresence(time.GetUtcNow().ToUnixTimeMilliseconds()) is not { } p)
            {
                return WireErrors.BadRequest("Invalid presence");
            }

            var epoch = await registry.RegisterAsync(p, context.RequestAborted).ConfigureAwait(false);
            context.Response.Headers.Location = $"/i/presences/{p.User:D}/devices/{Uri.EscapeDataString(p.Connection)}/cannons/{Uri.EscapeDataString(p.Cannon.Authority)}";
            return Results.Json(new EpochDto { Epoch = epoch }, GundeckJsonContext.Default.EpochDto, statusCode: StatusCodes.Status201Created);
        });
        endpoints.MapDelete("/i/presences/{uid:guid}/devices/{conn}/cannons/{cannon}", async (HttpContext context, Guid uid, string conn, string cannon, IPresenceRegistry registry) =>
        {
            // The cannon is named by its authority (host:port); resolve it to the registered base URI.
            foreach (var p in await registry.GetAsync([uid], context.RequestAborted).ConfigureAwait(false))
            {
                if (p.Connection == conn && (string.Equals(p.Cannon.Authority, cannon, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(PresenceValue.CannonBase(p.Cannon), cannon.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
                {
                    await registry.UnregisterAsync(uid, conn, p.Cannon, context.RequestAborted).ConfigureAwait(false);
                }
            }

            return Results.Ok();
        });
    }

    private static async Task<IResult> ListAsync(IPresenceRegistry registry, IReadOnlyCollection<Guid> users, CancellationToken cancellationToken)
    {
        var list = new List<PresenceDto>();
        foreach (var p in await registry.GetAsync(users, cancellationToken).ConfigureAwait(false))
        {
            list.Add(PresenceDto.From(p));
        }

        return Results.Json(list, GundeckJsonContext.Default.ListPresenceDto);
    }
}
