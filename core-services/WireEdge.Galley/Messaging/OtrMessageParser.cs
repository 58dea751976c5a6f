using Google.Protobuf;
using WireClientId = WireEdge.Contracts.Ids.ClientId;
using WireEdge.Contracts.Push;
using WireEdge.Galley.Json;
using WireEdge.Galley.Messaging.Proto;

namespace WireEdge.Galley.Messaging;

/// <summary>Turns the three request encodings into an <see cref="OtrMessage"/>; null + reason when malformed.</summary>
public static class OtrMessageParser
{
    /// <summary>More recipient clients than any valid conversation can have (500 members × 16 clients).</summary>
    public const int MaxRecipientClients = 8000;

    public static (OtrMessage? Message, string? Error) ParseQualified(ReadOnlySpan<byte> body)
    {
        QualifiedNewOtrMessage proto;
        try
        {
            proto = QualifiedNewOtrMessage.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            return (null, "Malformed protobuf: " + e.Message);
        }

        if (!proto.IsInitialized())
        {
            return (null, "Malformed protobuf: missing required fields");
        }

        var count = 0;
        foreach (var q in proto.Recipients)
        {
            foreach (var e in q.Entries)
            {
                count += e.Clients.Count;
            }
        }

        if (count > MaxRecipientClients)
        {
            return (null, $"Too many recipients (at most {MaxRecipientClients} clients)");
        }

        var recipients = new OtrRecipient[count];
        var i = 0;
        foreach (var q in proto.Recipients)
        {
            foreach (var e in q.Entries)
            {
                if (e.User.Uuid.Length != 16)
                {
                    return (null, "Malformed protobuf: user id must be 16 bytes");
                }

                var user = new Guid(e.User.Uuid.Span, bigEndian: true);
                foreach (var c in e.Clients)
                {
                    recipients[i++] = new OtrRecipient(q.Domain, user, c.Client.Client, c.Text.Memory);
                }
            }
        }

        MismatchStrategy strategy;
        switch (proto.ClientMismatchStrategyCase)
        {
            case QualifiedNewOtrMessage.ClientMismatchStrategyOneofCase.IgnoreAll:
                strategy = MismatchStrategy.IgnoreAll;
                break;
            case QualifiedNewOtrMessage.ClientMismatchStrategyOneofCase.ReportOnly:
                if (Users(proto.ReportOnly.UserIds) is not { } reportOnly)
                {
                    return (null, "Malformed protobuf: invalid user id in report_only");
                }

                strategy = new MismatchStrategy(MismatchStrategyKind.ReportOnly, reportOnly);
                break;
            case QualifiedNewOtrMessage.ClientMismatchStrategyOneofCase.IgnoreOnly:
                if (Users(proto.IgnoreOnly.UserIds) is not { } ignoreOnly)
                {
                    return (null, "Malformed protobuf: invalid user id in ignore_only");
                }

                strategy = new MismatchStrategy(MismatchStrategyKind.IgnoreOnly, ignoreOnly);
                break;
            default:
                strategy = MismatchStrategy.ReportAll;
                break;
        }

        return (new OtrMessage
        {
            SenderClient = proto.Sender.Client,
            Recipients = recipients,
            NativePush = proto.NativePush,
            Blob = proto.HasBlob ? proto.Blob.Memory : (ReadOnlyMemory<byte>?)null,
            Priority = proto.HasNativePriority && proto.NativePriority == Priority.LowPriority ? NativePriority.Low : NativePriority.High,
            Transient = proto.Transient,
            Strategy = strategy,
        }, null);
    }

    /// <summary>Legacy protobuf <c>NewOtrMessage</c> (recipients on the local domain).</summary>
    public static (OtrMessage? Message, IReadOnlySet<Guid>? ReportMissing, string? Error) ParseLegacyProto(ReadOnlySpan<byte> body, string domain)
    {
        NewOtrMessage proto;
        try
        {
            proto = NewOtrMessage.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            return (null, null, "Malformed protobuf: " + e.Message);
        }

        if (!proto.IsInitialized())
        {
            return (null, null, "Malformed protobuf: missing required fields");
        }

        var recipients = new List<OtrRecipient>();
        foreach (var e in proto.Recipients)
        {
            if (e.User.Uuid.Length != 16)
            {
                return (null, null, "Malformed protobuf: user id must be 16 bytes");
            }

            var user = new Guid(e.User.Uuid.Span, bigEndian: true);
            foreach (var c in e.Clients)
            {
                if (recipients.Count >= MaxRecipientClients)
                {
                    return (null, null, $"Too many recipients (at most {MaxRecipientClients} clients)");
                }

                recipients.Add(new OtrRecipient(domain, user, c.Client.Client, c.Text.Memory));
            }
        }

        HashSet<Guid>? reportMissing = null;
        if (proto.ReportMissing.Count > 0)
        {
            reportMissing = [];
            foreach (var u in proto.ReportMissing)
            {
                if (u.Uuid.Length != 16)
                {
                    return (null, null, "Malformed protobuf: user id must be 16 bytes");
                }

                reportMissing.Add(new Guid(u.Uuid.Span, bigEndian: true));
            }
        }

        return (new OtrMessage
        {
            SenderClient = proto.Sender.Client,
            Recipients = recipients,
            NativePush = proto.NativePush,
            Blob = proto.HasBlob ? proto.Blob.Memory : (ReadOnlyMemory<byte>?)null,
            Priority = proto.HasNativePriority && proto.NativePriority == Priority.LowPriority ? NativePriority.Low : NativePriority.High,
            Transient = proto.Transient,
            Strategy = MismatchStrategy.ReportAll,
        }, reportMissing, null);
    }

    /// <summary>Legacy JSON <c>NewOtrMessage</c>.</summary>
    public static (OtrMessage? Message, IReadOnlySet<Guid>? ReportMissing, string? Error) ParseLegacyJson(LegacyOtrMessageBody body, string domain)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!WireClientId.TryParse(body.Sender, out var sender))
        {
            return (null, null, "sender must be a client id");
        }

        var recipients = new List<OtrRecipient>();
        foreach (var (userText, clients) in body.Recipients ?? [])
        {
            if (!Guid.TryParse(userText, out var user) || clients is null)
            {
                return (null, null, "recipients must map user ids to client maps");
            }

            foreach (var (clientText, text) in clients)
            {
                if (!WireClientId.TryParse(clientText, out var client) || text is null)
                {
                    return (null, null, "recipients must map client ids to base64 ciphertexts");
                }

                if (recipients.Count >= MaxRecipientClients)
                {
                    return (null, null, $"Too many recipients (at most {MaxRecipientClients} clients)");
                }

                if (!TryBase64(text!, out var bytes))
                {
                    return (null, null, "ciphertext must be base64");
                }

                recipients.Add(new OtrRecipient(domain, user, client.Value, bytes));
            }
        }

        byte[]? blob = null;
        if (body.Data is { } data && !TryBase64(data, out blob))
        {
            return (null, null, "data must be base64");
        }

        var priority = body.NativePriority switch
        {
            null or "high" => NativePriority.High,
            "low" => NativePriority.Low,
            _ => (NativePriority?)null,
        };
        if (priority is null)
        {
            return (null, null, "native_priority must be low or high");
        }

        return (new OtrMessage
        {
            SenderClient = sender.Value,
            Recipients = recipients,
            NativePush = body.NativePush ?? true,
            Blob = blob is null ? (ReadOnlyMemory<byte>?)null : new ReadOnlyMemory<byte>(blob),
            Priority = priority.Value,
            Transient = body.Transient ?? false,
            Strategy = MismatchStrategy.ReportAll,
        }, body.ReportMissing is null ? null : new HashSet<Guid>(body.ReportMissing), null);
    }

    private static HashSet<Guid>? Users(IEnumerable<QualifiedUserId> ids)
    {
        var set = new HashSet<Guid>();
        foreach (var q in ids)
        {
            if (!Guid.TryParse(q.Id, out var id))
            {
                return null;
            }

            set.Add(id);
        }

        return set;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, bytes, out var n))
        {
            Array.Resize(ref bytes, n);
            return true;
        }

        bytes = [];
        return false;
    }
}
