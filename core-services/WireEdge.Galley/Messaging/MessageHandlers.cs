using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WireEdge.Contracts.Errors;
using WireEdge.Galley.Conversations;
using WireEdge.Galley.Http;
using WireEdge.Galley.Json;

namespace WireEdge.Galley.Messaging;

/// <summary>
/// <c>POST /conversations/:d/:c/proteus/messages</c> (protobuf <c>QualifiedNewOtrMessage</c>) and the
/// legacy <c>POST /conversations/:c/otr/messages</c> (JSON or protobuf <c>NewOtrMessage</c>).
/// </summary>
public static class MessageHandlers
{
    private const string Protobuf = "application/x-protobuf";

    public static async Task<IResult> PostQualifiedAsync(HttpContext http, GalleyContext ctx, string domain, Guid cnv)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return authError!;
        }

        if (http.Request.ContentType is { } type && !type.StartsWith(Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            return WireErrors.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Expected application/x-protobuf");
        }

        var (buffer, length) = await MessageBodyReader.ReadAsync(http).ConfigureAwait(false);
        if (buffer is null)
        {
            return WireErrors.TooLarge();
        }

        OtrMessage? message;
        string? parseError;
        try
        {
            (message, parseError) = OtrMessageParser.ParseQualified(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (message is null)
        {
            return WireErrors.BadRequest(parseError!);
        }

        return await SendAsync(http, ctx, domain, cnv, caller.User, caller.Connection, message, legacy: false).ConfigureAwait(false);
    }

    public static async Task<IResult> PostLegacyAsync(HttpContext http, GalleyContext ctx, Guid cnv, string? ignore_missing, string? report_missing)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ctx);
        var (caller, authError) = ConversationLoader.Caller(http);
        if (caller is null)
        {
            return authError!;
        }

        OtrMessage? message;
        IReadOnlySet<Guid>? bodyReport;
        string? parseError;
        if (http.Request.ContentType is { } type && type.StartsWith(Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            var (buffer, length) = await MessageBodyReader.ReadAsync(http).ConfigureAwait(false);
            if (buffer is null)
            {
                return WireErrors.TooLarge();
            }

            try
            {
                (message, bodyReport, parseError) = OtrMessageParser.ParseLegacyProto(buffer.AsSpan(0, length), ctx.Domain);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        else
        {
            if (http.Request.ContentLength is > MessageBodyReader.MaxBytes)
            {
                return WireErrors.TooLarge();
            }

            LegacyOtrMessageBody? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync(http.Request.Body, GalleyJsonContext.Default.LegacyOtrMessageBody, http.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                return WireErrors.BadRequest("Malformed JSON body: " + e.Message);
            }

            if (body is null)
            {
                return WireErrors.BadRequest("Request body must be a JSON object");
            }

            (message, bodyReport, parseError) = OtrMessageParser.ParseLegacyJson(body, ctx.Domain);
        }

        if (message is null)
        {
            return WireErrors.BadRequest(parseError!);
        }

        var (strategy, strategyError) = LegacyStrategy(bodyReport, ignore_missing, report_missing);
        if (strategy is null)
        {
            return strategyError!;
        }

        var withStrategy = new OtrMessage
        {
            SenderClient = message.SenderClient,
            Recipients = message.Recipients,
            NativePush = message.NativePush,
            Blob = message.Blob,
            Priority = message.Priority,
            Transient = message.Transient,
            Strategy = strategy,
        };
        return await SendAsync(http, ctx, null, cnv, caller.User, caller.Connection, withStrategy, legacy: true).ConfigureAwait(false);
    }

    /// <summary>Precedence: body <c>report_missing</c> &gt; query <c>ignore_missing</c> &gt; query <c>report_missing</c> &gt; report all.</summary>
    public static (MismatchStrategy? Strategy, IResult? Error) LegacyStrategy(IReadOnlySet<Guid>? bodyReport, string? ignoreMissing, string? reportMissing)
    {
        if (bodyReport is not null)
        {
            return (new MismatchStrategy(MismatchStrategyKind.ReportOnly, bodyReport), null);
        }

        if (ignoreMissing is not null)
        {
            return ignoreMissing switch
            {
                "true" => (MismatchStrategy.IgnoreAll, null),
                "false" => (MismatchStrategy.ReportAll, null),
                _ => ParseUsers(ignoreMissing) is { } users ? (new MismatchStrategy(MismatchStrategyKind.IgnoreOnly, users), null) : (null, WireErrors.BadRequest("ignore_missing must be true, false or user ids")),
            };
        }

        if (reportMissing is not null)
        {
            return reportMissing switch
            {
                "true" => (MismatchStrategy.ReportAll, null),
                "false" => (MismatchStrategy.IgnoreAll, null),
                _ => ParseUsers(reportMissing) is { } users ? (new MismatchStrategy(MismatchStrategyKind.ReportOnly, users), null) : (null, WireErrors.BadRequest("report_missing must be true, false or user ids")),
            };
        }

        return (MismatchStrategy.ReportAll, null);
    }

    private static HashSet<Guid>? ParseUsers(string text)
    {
        var set = new HashSet<Guid>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Guid.TryParse(part, out var id))
            {
                return null;
            }

            set.Add(id);
        }

        return set;
    }

    private static async Task<IResult> SendAsync(HttpContext http, GalleyContext ctx, string? domain, Guid cnv, Guid sender, string? connection, OtrMessage message, bool legacy)
    {
        var ct = http.RequestAborted;
        if (domain is not null && !string.Equals(domain, ctx.Domain, StringComparison.OrdinalIgnoreCase))
        {
            return GalleyErrors.NoConversation();
        }

        if (await ctx.Conversations.GetAsync(cnv, ct).ConfigureAwait(false) is null)
        {
            return GalleyErrors.NoConversation();
        }

        var members = await ctx.Conversations.GetMemberIdsAsync(cnv, ct).ConfigureAwait(false);
        var memberSet = new HashSet<Guid>(members);
        if (!memberSet.Contains(sender))
        {
            return GalleyErrors.NoConversation();
        }

        var clients = await ctx.Brig.GetClientsAsync(members, ct).ConfigureAwait(false);
        if (!clients.TryGetValue(sender, out var own) || !own.Any(c => c.Value == message.SenderClient))
        {
            return GalleyErrors.UnknownClient();
        }

        SendOutcome outcome;
        try
        {
            outcome = await ProteusPipeline.ProcessAsync(message, cnv, ctx.Domain, sender, connection, memberSet, clients, ctx.Now(), ctx.Notifier.PushManyAsync, ct).ConfigureAwait(false);
        }
        catch (MessageTooLargeException)
        {
            return WireErrors.TooLarge("Message fan-out too large");
        }

        var body = legacy ? MessageStatusJson.Legacy(outcome.Result, outcome.Time) : MessageStatusJson.Qualified(outcome.Result, ctx.Domain, outcome.Time);
        return new JsonBytesResult(body, outcome.Sent ? StatusCodes.Status201Created : StatusCodes.Status412PreconditionFailed);
    }
}
