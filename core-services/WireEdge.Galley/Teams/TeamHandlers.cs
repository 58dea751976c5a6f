using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;
using WireEdge.Contracts.Time;
using WireEdge.Galley.Conversations;
using WireEdge.Galley.Http;

namespace WireEdge.Galley.Teams;

/// <summary><c>GET /teams/:tid</c>, <c>GET /teams/:tid/members</c>, <c>GET /teams/:tid/conversations</c>.</summary>
public static class TeamHandlers
{
    public const int MaxMembersPage = 2000;

    public static async Task<IResult> GetTeamAsync(HttpContext http, GalleyContext ctx, Guid tid)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (team, error) = await LoadAsync(http, ctx, tid).ConfigureAwait(false);
        if (team is null)
        {
            return error!;
        }

        return new JsonBytesResult(Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", team.Id);
            w.WriteString("creator", team.Creator);
            w.WriteString("name", team.Name);
            w.WriteString("icon", team.Icon);
            if (team.IconKey is not null)
            {
                w.WriteString("icon_key", team.IconKey);
            }

            w.WriteString("splash_screen", "default");
            w.WriteBoolean("binding", team.Binding);
            w.WriteEndObject();
        }));
    }

    public static async Task<IResult> GetMembersAsync(HttpContext http, GalleyContext ctx, Guid tid, int? maxResults, string? pagingState)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var size = maxResults ?? MaxMembersPage;
        if (size is < 1 or > MaxMembersPage)
        {
            return WireErrors.BadRequest("maxResults must be between 1 and 2000", "invalid-range");
        }

        Guid? after = null;
        if (!string.IsNullOrEmpty(pagingState))
        {
            if (!TryDecode(pagingState, out var last))
            {
                return WireErrors.BadRequest("Invalid pagingState");
            }

            after = last;
        }

        var (team, error) = await LoadAsync(http, ctx, tid).ConfigureAwait(false);
        if (team is null)
        {
            return error!;
        }

        var page = await ctx.Teams.ListMembersAsync(tid, after, size + 1, http.RequestAborted).ConfigureAwait(false);
        var hasMore = page.Count > size;
        var members = hasMore ? page.Take(size).ToList() : page;
        return new JsonBytesResult(Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("members");
            foreach (var m in members)
            {
                w.WriteStartObject();
                w.WriteString("user", m.User);
                w.WriteStartObject("permissions");
                w.WriteNumber("self", m.PermSelf);
                w.WriteNumber("copy", m.PermCopy);
                w.WriteEndObject();
                if (m.CreatedBy is { } by)
                {
                    w.WriteString("created_by", by);
                }
                else
                {
                    w.WriteNull("created_by");
                }

                if (m.CreatedAtMs is { } at)
                {
                    w.WriteString("created_at", WireTime.Millis(DateTimeOffset.FromUnixTimeMilliseconds(at)));
                }
                else
                {
                    w.WriteNull("created_at");
                }

                w.WriteString("legalhold_status", "disabled");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean("hasMore", hasMore);
            var next = members.Count > 0 ? members[^1].User : after;
            w.WriteString("pagingState", next is null ? string.Empty : Encode(next.Value));
            w.WriteEndObject();
        }));
    }

    public static async Task<IResult> GetConversationsAsync(HttpContext http, GalleyContext ctx, Guid tid)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var (team, error) = await LoadAsync(http, ctx, tid).ConfigureAwait(false);
        if (team is null)
        {
            return error!;
        }

        var ids = await ctx.Conversations.ListTeamConversationsAsync(tid, http.RequestAborted).ConfigureAwait(false);
        return new JsonBytesResult(Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("conversations");
            foreach (var id in ids)
            {
                w.WriteStartObject();
                w.WriteString("conversation", id);
                w.WriteBoolean("managed", false);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static async Task<(TeamRecord? Team, IResult? Error)> LoadAsync(HttpContext http, GalleyContext ctx, Guid tid)
    {
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return (null, authError);
        }

        var team = await ctx.Teams.GetAsync(tid, http.RequestAborted).ConfigureAwait(false);
        if (team is null)
        {
            return (null, GalleyErrors.NoTeam());
        }

        return await ctx.Teams.GetMemberAsync(tid, caller.User, http.RequestAborted).ConfigureAwait(false) is null
            ? (null, GalleyErrors.NoTeamMember())
            : (team, null);
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Encode(Guid last) => Convert.ToBase64String(Encoding.ASCII.GetBytes("m:" + last.ToString("D", CultureInfo.InvariantCulture)));

    private static bool TryDecode(string state, out Guid last)
    {
        last = Guid.Empty;
        Span<byte> bytes = stackalloc byte[64];
        if (!Convert.TryFromBase64String(state, bytes, out var n))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(bytes[..n]);
        return text.StartsWith("m:", StringComparison.Ordinal) && Guid.TryParseExact(text[2..], "D", out last);
    }
}
