using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WireEdge.Zauth.Cli;

/// <summary>The JSON object printed by <c>zauth verify</c>.</summary>
internal static class VerifyJson
{
    public static string Render(ZauthVerifyResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("valid", result.IsValid);
            if (!result.IsValid)
            {
                json.WriteString("reason", result.Status.ToString().ToLowerInvariant());
            }
            else
            {
                var t = result.Token!;
                json.WriteString("type", TypeName(t.Type));
                if (t.Type.HasUser())
                {
                    json.WriteString("user", t.User.ToString("D"));
                }

                if (t.Client is not null)
                {
                    json.WriteString("client", t.Client);
                }

                if (t.Type is ZauthTokenType.Access or ZauthTokenType.LegalHoldAccess)
                {
                    json.WriteNumber("connection", t.Connection);
                }

                if (t.Type is ZauthTokenType.User or ZauthTokenType.LegalHoldUser)
                {
                    json.WriteString("random", t.Random.ToString("x", CultureInfo.InvariantCulture));
                    json.WriteBoolean("session", t.IsSession);
                }

                if (t.Provider is { } provider)
                {
                    json.WriteString("provider", provider.ToString("D"));
                }

                if (t.Bot is { } bot)
                {
                    json.WriteString("bot", bot.ToString("D"));
                }

                if (t.Conversation is { } conversation)
                {
                    json.WriteString("conversation", conversation.ToString("D"));
                }

                json.WriteNumber("expires", t.Expires);
                json.WriteNumber("key_index", t.KeyIndex);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string TypeName(ZauthTokenType type) => type switch
    {
        ZauthTokenType.Access => "access",
        ZauthTokenType.User => "user",
        ZauthTokenType.Bot => "bot",
        ZauthTokenType.Provider => "provider",
        ZauthTokenType.LegalHoldAccess => "legalhold-access",
        _ => "legalhold-user",
    };
}
