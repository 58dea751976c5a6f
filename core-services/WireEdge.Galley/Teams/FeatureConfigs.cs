using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WireEdge.Galley.Conversations;
using WireEdge.Galley.Http;

namespace WireEdge.Galley.Teams;

/// <summary>
/// <c>GET /feature-configs</c>: the server's default feature set, feature name →
/// <c>{"status","lockStatus","ttl","config"?}</c>. Serialised once at start.
/// </summary>
public static class FeatureConfigs
{
    private static readonly byte[] Body = Build();

    public static IResult Get(HttpContext http)
    {
        var (caller, error) = ConversationLoader.Caller(http);
        return caller is null ? error! : new JsonBytesResult(Body);
    }

    /// <summary><c>GET /teams/:tid/features</c>: the same defaults for team members.</summary>
    public static async Task<IResult> GetForTeamAsync(HttpContext http, GalleyContext ctx, Guid tid)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var (caller, error) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return error!;
        }

        if (await ctx.Teams.GetAsync(tid, http.RequestAborted).ConfigureAwait(false) is null)
        {
            return GalleyErrors.NoTeam();
        }

        return await ctx.Teams.GetMemberAsync(tid, caller.User, http.RequestAborted).ConfigureAwait(false) is null
            ? GalleyErrors.NoTeamMember()
            : new JsonBytesResult(Body);
    }

    private static byte[] Build()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Feature(w, "appLock", true, false, c =>
            {
                c.WriteBoolean("enforceAppLock", false);
                c.WriteNumber("inactivityTimeoutSecs", 60);
            });
            Feature(w, "classifiedDomains", false, true, c =>
            {
                c.WriteStartArray("domains");
                c.WriteEndArray();
            });
            Feature(w, "conferenceCalling", true, true, c => c.WriteBoolean("useSFTForOneToOneCalls", false));
            Feature(w, "conversationGuestLinks", true, false);
            Feature(w, "digitalSignatures", false, true);
            Feature(w, "enforceFileDownloadLocation", false, true, _ => { });
            Feature(w, "exposeInvitationURLsToTeamAdmin", false, true);
            Feature(w, "fileSharing", true, false);
            Feature(w, "legalhold", false, false);
            Feature(w, "mls", false, false, c =>
            {
                c.WriteStartArray("allowedCipherSuites");
                c.WriteNumberValue(1);
                c.WriteEndArray();
                c.WriteNumber("defaultCipherSuite", 1);
                c.WriteString("defaultProtocol", "proteus");
                c.WriteStartArray("protocolToggleUsers");
                c.WriteEndArray();
                c.WriteStartArray("supportedProtocols");
                c.WriteStringValue("proteus");
                c.WriteStringValue("mls");
                c.WriteEndArray();
            });
            Feature(w, "mlsE2EId", false, false, c =>
            {
                c.WriteNumber("verificationExpiration", 86400);
                c.WriteBoolean("useProxyOnMobile", false);
            });
            Feature(w, "mlsMigration", false, true, _ => { });
            Feature(w, "outlookCalIntegration", false, true);
            Feature(w, "searchVisibility", false, false);
            Feature(w, "searchVisibilityInbound", false, false);
            Feature(w, "selfDeletingMessages", true, false, c => c.WriteNumber("enforcedTimeoutSeconds", 0));
            Feature(w, "sndFactorPasswordChallenge", false, true);
            Feature(w, "sso", false, false);
            Feature(w, "validateSAMLemails", true, false);
            Feature(w, "limitedEventFanout", false, false);
            Feature(w, "domainRegistration", false, true);
            Feature(w, "channels", false, true, _ => { });
            Feature(w, "cells", false, true, _ => { });
            Feature(w, "consumableNotifications", false, true);
            Feature(w, "chatBubbles", false, true);
            Feature(w, "assetAuditLog", false, true);
            Feature(w, "stealthUsers", false, true);
            Feature(w, "simplifiedUserConnectionRequestQRCode", true, false);
            Feature(w, "allowedGlobalOperations", true, true, c => c.WriteBoolean("mlsConversationReset", false));
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Feature(Utf8JsonWriter w, string name, bool enabled, bool locked, Action<Utf8JsonWriter>? config = null)
    {
        w.WriteStartObject(name);
        w.WriteString("status", enabled ? "enabled" : "disabled");
        w.WriteString("lockStatus", locked ? "locked" : "unlocked");
        w.WriteString("ttl", "unlimited");
        if (config is not null)
        {
            w.WriteStartObject("config");
            config(w);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
