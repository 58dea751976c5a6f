using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WireEdge.Brig.Events;
using WireEdge.Brig.Http;
using WireEdge.Brig.Json;
using WireEdge.Contracts.Errors;

namespace WireEdge.Brig.Properties;

/// <summary>User properties (FACTS.md §6.6): any JSON value per key, with wire-server's limits.</summary>
internal static class PropertyEndpoints
{
    /// <summary><c>setPropertyMaxKeyLen</c>.</summary>
    public const int MaxKeyLength = 1024;

    /// <summary><c>setPropertyMaxValueLen</c> (bytes).</summary>
    public const int MaxValueLength = 524_288;

    /// <summary>wire-server's <c>maxProperties</c>.</summary>
    public const int MaxProperties = 16;

    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapPut("/properties/{key}", SetAsync);
        e.MapGet("/properties/{key}", GetAsync);
        e.MapDelete("/properties/{key}", DeleteAsync);
        e.MapGet("/properties", KeysAsync);
        e.MapGet("/properties-values", ValuesAsync);
        e.MapDelete("/properties", ClearAsync);
    }

    private static IResult? CheckKey(string key)
    {
        if (Encoding.UTF8.GetByteCount(key) > MaxKeyLength)
        {
            return WireErrors.Forbidden("property-key-too-large", "The property key is too large.");
        }

        foreach (var c in key)
        {
            if (c is < ' ' or > '~')
            {
                return WireErrors.BadRequest("Property keys must be printable ASCII");
            }
        }

        return null;
    }

    private static async Task<IResult> SetAsync(HttpContext context, string key, [FromServices] IPropertyStore store, [FromServices] UserEvents events)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        if (CheckKey(key) is { } bad)
        {
            return bad;
        }

        var (bytes, readError) = await RequestBody.ReadBytesAsync(context.Request, MaxValueLength).ConfigureAwait(false);
        if (bytes is null)
        {
            return readError is WireErrorResult { Error.Code: StatusCodes.Status413PayloadTooLarge }
                ? WireErrors.Forbidden("property-value-too-large", "The property value is too large.")
                : readError!;
        }

        string json;
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            json = Encoding.UTF8.GetString(bytes).Trim();
        }
        catch (JsonException)
        {
            return WireErrors.BadRequest("The property value is not valid JSON");
        }

        var ct = context.RequestAborted;
        if (!await store.SetAsync(me.User, key, json, MaxProperties, ct).ConfigureAwait(false))
        {
            return WireErrors.Forbidden("too-many-properties", "Too many properties");
        }

        await events.PushToSelfAsync(me.User, me.Connection, w =>
        {
            w.WriteString("type", "user.properties-set");
            w.WriteString("key", key);
            w.WritePropertyName("value");
            w.WriteRawValue(json, skipInputValidation: true);
        }, ct).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<IResult> GetAsync(HttpContext context, string key, [FromServices] IPropertyStore store)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var value = await store.GetAsync(me.User, key, context.RequestAborted).ConfigureAwait(false);
        return value is null
            ? Results.StatusCode(StatusCodes.Status404NotFound) // brig answers an empty body here
            : Results.Text(value, "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string key, [FromServices] IPropertyStore store, [FromServices] UserEvents events)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var ct = context.RequestAborted;
        if (await store.DeleteAsync(me.User, key, ct).ConfigureAwait(false))
        {
            await events.PushToSelfAsync(me.User, me.Connection, w =>
            {
                w.WriteString("type", "user.properties-delete");
                w.WriteString("key", key);
            }, ct).ConfigureAwait(false);
        }

        return Results.Ok();
    }

    private static async Task<IResult> KeysAsync(HttpContext context, [FromServices] IPropertyStore store)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var all = await store.GetAllAsync(me.User, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(all.Select(kv => kv.Key).ToList(), BrigJsonContext.Default.ListString);
    }

    private static async Task<IResult> ValuesAsync(HttpContext context, [FromServices] IPropertyStore store)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var all = await store.GetAllAsync(me.User, context.RequestAborted).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var kv in all)
            {
                w.WritePropertyName(kv.Key);
                w.WriteRawValue(kv.Value, skipInputValidation: true);
            }

            w.WriteEndObject();
        }

        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }

    private static async Task<IResult> ClearAsync(HttpContext context, [FromServices] IPropertyStore store, [FromServices] UserEvents events)
    {
        if (!Caller.TryGet(context, out var me, out var unauthorized))
        {
            return unauthorized;
        }

        var ct = context.RequestAborted;
        await store.ClearAsync(me.User, ct).ConfigureAwait(false);
        await events.PushToSelfAsync(me.User, me.Connection, w => w.WriteString("type", "user.properties-clear"), ct).ConfigureAwait(false);
        return Results.Ok();
    }
}
