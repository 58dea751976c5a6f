using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Push;

namespace WireEdge.Galley.Messaging;

/// <summary>The outcome of processing a message: whether it was sent, the check result, and when.</summary>
public sealed record SendOutcome(bool Sent, MismatchResult Result, DateTimeOffset Time, int Pushes);

/// <summary>
/// The in-memory part of sending a message once the conversation's members and their clients are
/// known: the client-mismatch check, then (only when nothing reported is missing) one push per
/// valid recipient client, handed to the push hub in one call.
/// </summary>
public static class ProteusPipeline
{
    public static async Task<SendOutcome> ProcessAsync(
        OtrMessage message,
        Guid conversation,
        string domain,
        Guid sender,
        string? originConnection,
        IReadOnlyCollection<Guid> members,
        IReadOnlyDictionary<Guid, IReadOnlyList<ClientId>> clients,
        DateTimeOffset time,
        Func<IReadOnlyList<PushRequest>, CancellationToken, Task> push,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(push);
        var result = ClientMismatchCheck.Check(message, domain, sender, members, clients);
        if (!result.Send || result.Valid.Count == 0)
        {
            return new SendOutcome(result.Send, result, time, 0);
        }

        var (prefix, suffix) = OtrPushBuilder.Common(message, conversation, domain, sender, time);
        if (OtrPushBuilder.MeasureTotal(message, result.Valid, prefix.Length + suffix.Length) > OtrPushBuilder.MaxFanoutBytes)
        {
            throw new MessageTooLargeException();
        }

        var pushes = OtrPushBuilder.Build(message, result.Valid, prefix, suffix, sender, originConnection);
        await push(pushes, cancellationToken).ConfigureAwait(false);
        return new SendOutcome(true, result, time, pushes.Length);
    }
}

/// <summary>The message would fan out to more payload bytes than <see cref="OtrPushBuilder.MaxFanoutBytes"/>.</summary>
public sealed class MessageTooLargeException : Exception
{
    public MessageTooLargeException()
        : base("message fan-out too large")
    {
    }

    public MessageTooLargeException(string message)
        : base(message)
    {
    }

    public MessageTooLargeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
