using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WireEdge.Galley.Conversations;
using WireEdge.Galley.Members;
using WireEdge.Galley.Messaging;
using WireEdge.Galley.Teams;

namespace WireEdge.Galley;

/// <summary>Galley's public routes (paths after the <c>/vN</c> prefix), qualified and the unqualified v0–v2 forms.</summary>
public static class GalleyEndpoints
{
    private const string Conv = "/conversations/{cnv:guid}";
    private const string QConv = "/conversations/{domain}/{cnv:guid}";

    public static void Map(IEndpointRouteBuilder e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.MapPost("/conversations", CreateConversation.CreateGroupAsync);
        e.MapPost("/conversations/self", CreateConversation.CreateSelfAsync);
        e.MapPost("/conversations/list-ids", ConversationQueries.ListIdsAsync);
        e.MapPost("/conversations/list", ConversationQueries.ListAsync);
        e.MapPost("/conversations/list/v2", ConversationQueries.ListAsync);
        e.MapGet(QConv, (HttpContext h, GalleyContext c, string domain, Guid cnv) => ConversationQueries.GetAsync(h, c, domain, cnv));
        e.MapGet(Conv, (HttpContext h, GalleyContext c, Guid cnv) => ConversationQueries.GetAsync(h, c, null, cnv));

        e.MapPost(QConv + "/members", (HttpContext h, GalleyContext c, string domain, Guid cnv) => MemberHandlers.AddAsync(h, c, domain, cnv));
        e.MapPost(Conv + "/members", (HttpContext h, GalleyContext c, Guid cnv) => MemberHandlers.AddAsync(h, c, null, cnv));
        e.MapPost(Conv + "/members/v2", (HttpContext h, GalleyContext c, Guid cnv) => MemberHandlers.AddAsync(h, c, null, cnv));
        e.MapDelete(QConv + "/members/{udomain}/{user:guid}", (HttpContext h, GalleyContext c, string domain, Guid cnv, string udomain, Guid user) => MemberHandlers.RemoveAsync(h, c, domain, cnv, udomain, user));
        e.MapDelete(Conv + "/members/{user:guid}", (HttpContext h, GalleyContext c, Guid cnv, Guid user) => MemberHandlers.RemoveAsync(h, c, null, cnv, null, user));
        e.MapPut(QConv + "/self", (HttpContext h, GalleyContext c, string domain, Guid cnv) => MemberHandlers.UpdateSelfAsync(h, c, domain, cnv));
        e.MapPut(Conv + "/self", (HttpContext h, GalleyContext c, Guid cnv) => MemberHandlers.UpdateSelfAsync(h, c, null, cnv));
        e.MapPut(QConv + "/members/{udomain}/{user:guid}", (HttpContext h, GalleyContext c, string domain, Guid cnv, string udomain, Guid user) => MemberHandlers.UpdateRoleAsync(h, c, domain, cnv, udomain, user));
        e.MapPut(Conv + "/members/{user:guid}", (HttpContext h, GalleyContext c, Guid cnv, Guid user) => MemberHandlers.UpdateRoleAsync(h, c, null, cnv, null, user));

        MapSetting(e, "/name", ConversationSettings.RenameAsync);
        MapSetting(e, "/access", ConversationSettings.AccessAsync);
        MapSetting(e, "/receipt-mode", ConversationSettings.ReceiptModeAsync);
        MapSetting(e, "/message-timer", ConversationSettings.MessageTimerAsync);
        e.MapPost(QConv + "/typing", (HttpContext h, GalleyContext c, string domain, Guid cnv) => ConversationSettings.TypingAsync(h, c, domain, cnv));
        e.MapPost(Conv + "/typing", (HttpContext h, GalleyContext c, Guid cnv) => ConversationSettings.TypingAsync(h, c, null, cnv));

        e.MapPost(QConv + "/proteus/messages", (HttpContext h, GalleyContext c, string domain, Guid cnv) => MessageHandlers.PostQualifiedAsync(h, c, domain, cnv));
        e.MapPost(Conv + "/otr/messages", (HttpContext h, GalleyContext c, Guid cnv, string? ignore_missing, string? report_missing) => MessageHandlers.PostLegacyAsync(h, c, cnv, ignore_missing, report_missing));

        e.MapGet("/teams/{tid:guid}", (HttpContext h, GalleyContext c, Guid tid) => TeamHandlers.GetTeamAsync(h, c, tid));
        e.MapGet("/teams/{tid:guid}/members", (HttpContext h, GalleyContext c, Guid tid, int? maxResults, string? pagingState) => TeamHandlers.GetMembersAsync(h, c, tid, maxResults, pagingState));
        e.MapGet("/teams/{tid:guid}/conversations", (HttpContext h, GalleyContext c, Guid tid) => TeamHandlers.GetConversationsAsync(h, c, tid));
        e.MapGet("/teams/{tid:guid}/features", (HttpContext h, GalleyContext c, Guid tid) => FeatureConfigs.GetForTeamAsync(h, c, tid));
        e.MapGet("/feature-configs", FeatureConfigs.Get);
    }

    private static void MapSetting(IEndpointRouteBuilder e, string suffix, Func<HttpContext, GalleyContext, string?, Guid, Task<IResult>> handler)
    {
        e.MapPut(QConv + suffix, (HttpContext h, GalleyContext c, string domain, Guid cnv) => handler(h, c, domain, cnv));
        e.MapPut(Conv + suffix, (HttpContext h, GalleyContext c, Guid cnv) => handler(h, c, null, cnv));
    }
}
