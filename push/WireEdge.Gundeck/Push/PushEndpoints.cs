using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Push;

namespace WireEdge.Gundeck.Push;

/// <summary><c>POST /i/push/v2</c>: answers 200 once every non-transient notification is stored.</summary>
internal static class PushEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/i/push/v2", async (HttpContext context, IPushClient push, IOptions<GundeckOptions> options) =>
        {
            var max = options.Value.MaxPushBodyBytes;
            if (context.Request.ContentLength > max)
            {
                return WireErrors.TooLarge();
            }

            using var body = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > max)
                {
                    return WireErrors.TooLarge();
                }

                body.Write(buffer, 0, read);
            }

            List<PushRequest> pushes;
            try
            {
                pushes = PushV2Json.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
            }
            catch (JsonException e)
            {
                return WireErrors.BadRequest("Invalid push: " + e.Message);
            }

            await push.PushAsync(pushes, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok();
        });
    }
}
