using Google.Protobuf;
using WireEdge.Galley.Messaging.Proto;
using WireClientId = WireEdge.Contracts.Ids.ClientId;

namespace WireEdge.Galley.Tests.Support;

/// <summary>Builds protobuf message bodies as the official client does.</summary>
public static class OtrMessages
{
    public static QualifiedNewOtrMessage Qualified(WireClientId sender, IEnumerable<(Guid User, WireClientId Client, byte[] Text)> recipients, string domain = GalleyHost.Domain)
    {
        var message = new QualifiedNewOtrMessage { Sender = new ClientId { Client = sender.Value } };
        foreach (var group in recipients.GroupBy(r => r.User))
        {
            var entry = new UserEntry { User = new UserId { Uuid = ByteString.CopyFrom(group.Key.ToByteArray(bigEndian: true)) } };
            foreach (var r in group)
            {
                entry.Clients.Add(new ClientEntry { Client = new ClientId { Client = r.Client.Value }, Text = ByteString.CopyFrom(r.Text) });
            }

            var q = message.Recipients.FirstOrDefault(x => x.Domain == domain);
            if (q is null)
            {
                q = new QualifiedUserEntry { Domain = domain };
                message.Recipients.Add(q);
            }

            q.Entries.Add(entry);
        }

        return message;
    }

    public static QualifiedNewOtrMessage ReportOnly(this QualifiedNewOtrMessage m, params Guid[] users)
    {
        var s = new ClientMismatchStrategy.Types.ReportOnly();
        s.UserIds.AddRange(users.Select(u => new QualifiedUserId { Id = u.ToString("D"), Domain = GalleyHost.Domain }));
        m.ReportOnly = s;
        return m;
    }

    public static QualifiedNewOtrMessage IgnoreOnly(this QualifiedNewOtrMessage m, params Guid[] users)
    {
        var s = new ClientMismatchStrategy.Types.IgnoreOnly();
        s.UserIds.AddRange(users.Select(u => new QualifiedUserId { Id = u.ToString("D"), Domain = GalleyHost.Domain }));
        m.IgnoreOnly = s;
        return m;
    }

    public static QualifiedNewOtrMessage ReportAll(this QualifiedNewOtrMessage m)
    {
        m.ReportAll = new ClientMismatchStrategy.Types.ReportAll();
        return m;
    }

    public static QualifiedNewOtrMessage IgnoreAll(this QualifiedNewOtrMessage m)
    {
        m.IgnoreAll = new ClientMismatchStrategy.Types.IgnoreAll();
        return m;
    }

    public static byte[] Text(string s) => System.Text.Encoding.UTF8.GetBytes(s);
}
