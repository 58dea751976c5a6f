using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Versioning;
using WireEdge.Galley.Http;
using WireEdge.Galley.Json;

namespace WireEdge.Galley.Conversations;

/// <summary><c>GET /conversations/:d/:c</c>, <c>POST /conversations/list-ids</c>, <c>POST /conversations/list</c>.</summary>
public static class ConversationQueries
{
    public const int MaxListIds = 1000;

    public static async Task<IResult> GetAsync(HttpContext http, GalleyContext ctx, string? domain, Guid cnv)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return authError!;
        }

        var (loaded, error) = await ConversationLoader.ForMemberAsync(ctx, domain, cnv, caller.User, http.RequestAborted, GalleyErrors.AccessDenied).ConfigureAwait(false);
        if (loaded is null)
        {
            return error!;
        }

        return new JsonBytesResult(ConversationJson.ToBytes(loaded.Conversation, loaded.Members, caller.User, ctx.Domain, http.ApiVersion() <= 2));
    }

    public static async Task<IResult> ListIdsAsync(HttpContext http, GalleyContext ctx)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return authError!;
        }

        var (body, error) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.ListIdsBody).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        var size = body.Size ?? MaxListIds;
        if (size is < 1 or > MaxListIds)
        {
            return WireErrors.BadRequest("size must be between 1 and 1000", "invalid-range");
        }

        Guid? after = null;
        if (body.PagingState is { Length: > 0 } state)
        {
            if (!TryDecodeState(state, out var last))
            {
                return WireErrors.BadRequest("Invalid paging_state");
            }

            after = last;
        }

        var page = await ctx.Conversations.ListIdsAsync(caller.User, after, size + 1, http.RequestAborted).ConfigureAwait(false);
        var hasMore = page.Count > size;
        var ids = hasMore ? page.Take(size).ToList() : page;
        var buffer = new ArrayBufferWriter<byte>(64 + (ids.Count * 80));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("qualified_conversations");
            foreach (var id in ids)
            {
                ConversationJson.WriteQualifiedValue(w, id, ctx.Domain);
            }

            w.WriteEndArray();
            w.WriteBoolean("has_more", hasMore);
            var next = ids.Count > 0 ? ids[^1] : after;
            w.WriteString("paging_state", next is null ? string.Empty : EncodeState(next.Value));
            w.WriteEndObject();
        }

        return new JsonBytesResult(buffer.WrittenMemory.ToArray());
    }

    public static async Task<IResult> ListAsync(HttpContext http, GalleyContext ctx)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return authError!;
        }

        var (body, error) = await RequestBody.ReadAsync(http, GalleyJsonContext.Default.ListConversationsBody).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }

        var requested = body.QualifiedIds ?? [];
        if (requested.Count is < 1 or > MaxListIds)
        {
            return WireErrors.BadRequest("qualified_ids must hold 1 to 1000 ids", "invalid-range");
        }

        var ct = http.RequestAborted;
        var local = requested.Where(q => string.Equals(q.Domain, ctx.Domain, StringComparison.OrdinalIgnoreCase)).Select(q => q.Id).Distinct().ToList();
        var convs = await ctx.Conversations.GetManyAsync(local, ct).ConfigureAwait(false);
        var members = await ctx.Conversations.GetMembersOfManyAsync([.. convs.Select(c => c.Id)], ct).ConfigureAwait(false);
        var legacy = http.ApiVersion() <= 2;
        var found = new HashSet<Guid>();
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("found");
            foreach (var c in convs)
            {
                if (members.TryGetValue(c.Id, out var ms) && ms.Any(m => m.User == caller.User))
                {
                    found.Add(c.Id);
                    ConversationJson.Write(w, c, ms, caller.User, ctx.Domain, legacy);
                }
            }

            w.WriteEndArray();
            w.WriteStartArray("not_found");
            foreach (var q in requested.Where(q => !found.Contains(q.Id) || !string.Equals(q.Domain, ctx.Domain, StringComparison.OrdinalIgnoreCase)).Distinct())
            {
                ConversationJson.WriteQualifiedValue(w, q.Id, q.Domain);
            }

            w.WriteEndArray();
            w.WriteStartArray("failed");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return new JsonBytesResult(buffer.WrittenMemory.ToArray());
    }

    private static string EncodeState(Guid last) => Convert.ToBase64String(Encoding.ASCII.GetBytes("c:" + last.ToString("D")));

    private static bool TryDecodeState(string state, out Guid last)
    {
        last = Guid.Empty;
        Span<byte> bytes = stackalloc byte[64];
        if (!Convert.TryFromBase64String(state, bytes, out var n))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(bytes[..n]);
        return text.StartsWith("c:", StringComparison.Ordinal) && Guid.TryParseExact(text[2..], "D", out last);
    }
}
