using WireEdge.Contracts.Ids;

namespace WireEdge.Galley.Messaging;

/// <summary>(user, clients) pairs grouped by user, in first-seen order.</summary>
public sealed class UserClients
{
    private readonly Dictionary<Guid, List<ulong>> map = [];

    public int Count => map.Count;

    public bool IsEmpty => map.Count == 0;

    public IEnumerable<KeyValuePair<Guid, List<ulong>>> Entries => map;

    public void Add(Guid user, ulong client)
    {
        if (!map.TryGetValue(user, out var list))
        {
            map[user] = list = [];
        }

        if (!list.Contains(client))
        {
            list.Add(client);
        }
    }
}

/// <summary>The outcome of checking a message's recipients against the conversation's clients.</summary>
public sealed class MismatchResult
{
    /// <summary>Indexes into the message's recipients that get the message.</summary>
    public List<int> Valid { get; } = [];

    /// <summary>Missing clients as reported (after the strategy filter).</summary>
    public UserClients Missing { get; } = new();

    public UserClients Redundant { get; } = new();

    public UserClients Deleted { get; } = new();

    /// <summary>Recipients on other backends (no federation): reported in <c>failed_to_send</c>.</summary>
    public Dictionary<string, UserClients> FailedToSend { get; } = [];

    /// <summary>A message is sent iff no missing client is reported.</summary>
    public bool Send => Missing.IsEmpty;
}

/// <summary>
/// wire-server's <c>checkMessageClients</c> (FACTS.md §7.2): expected = every client of every member
/// minus the sender's client; missing = expected − recipients; extra = recipients − expected, split into
/// deleted (clients of members) and redundant (clients of non-members); valid = recipients ∩ expected;
/// the strategy filters the reported missing; the message is sent iff that is empty.
/// </summary>
public static class ClientMismatchCheck
{
    public static MismatchResult Check(
        OtrMessage message,
        string localDomain,
        Guid sender,
        IReadOnlyCollection<Guid> members,
        IReadOnlyDictionary<Guid, IReadOnlyList<ClientId>> clients)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(clients);
        var result = new MismatchResult();
        var memberSet = members as IReadOnlySet<Guid> ?? new HashSet<Guid>(members);
        var received = new HashSet<(Guid, ulong)>();
        var recipients = message.Recipients;
        for (var i = 0; i < recipients.Count; i++)
        {
            var r = recipients[i];
            if (!string.Equals(r.Domain, localDomain, StringComparison.OrdinalIgnoreCase))
            {
                if (!result.FailedToSend.TryGetValue(r.Domain, out var failed))
                {
                    result.FailedToSend[r.Domain] = failed = new UserClients();
                }

                failed.Add(r.User, r.Client);
                continue;
            }

            if (!received.Add((r.User, r.Client)))
            {
                continue;
            }

            if (!memberSet.Contains(r.User))
            {
                result.Redundant.Add(r.User, r.Client);
            }
            else if ((r.User == sender && r.Client == message.SenderClient) || !HasClient(clients, r.User, r.Client))
            {
                result.Deleted.Add(r.User, r.Client);
            }
            else
            {
                result.Valid.Add(i);
            }
        }

        foreach (var member in members)
        {
            if (!clients.TryGetValue(member, out var own) || !message.Strategy.Reports(member))
            {
                continue;
            }

            foreach (var c in own)
            {
                if ((member == sender && c.Value == message.SenderClient) || received.Contains((member, c.Value)))
                {
                    continue;
                }

                result.Missing.Add(member, c.Value);
            }
        }

        return result;
    }

    private static bool HasClient(IReadOnlyDictionary<Guid, IReadOnlyList<ClientId>> clients, Guid user, ulong client)
    {
        if (!clients.TryGetValue(user, out var list))
        {
            return false;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Value == client)
            {
                return true;
            }
        }

        return false;
    }
}
