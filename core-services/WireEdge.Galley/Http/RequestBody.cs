using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;

namespace WireEdge.Galley.Http;

/// <summary>Reads JSON request bodies into DTOs; malformed or missing bodies become Wire 400s.</summary>
public static class RequestBody
{
    /// <summary>Largest JSON body galley accepts outside the message endpoints.</summary>
    public const int MaxJsonBytes = 1 << 20;

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength is > MaxJsonBytes)
        {
            return (null, WireErrors.TooLarge());
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, WireErrors.BadRequest("Request body must be a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, WireErrors.BadRequest("Malformed JSON body: " + e.Message));
        }
    }
}
