using WireEdge.Contracts.Push;

namespace WireEdge.Galley.Messaging;

/// <summary>One (user, client) entry of a message with the ciphertext for that client.</summary>
public readonly record struct OtrRecipient(string Domain, Guid User, ulong Client, ReadOnlyMemory<byte> Text);

/// <summary>Which missing clients the sender wants reported (and therefore blocks sending).</summary>
public enum MismatchStrategyKind
{
    ReportAll,
    IgnoreAll,
    ReportOnly,
    IgnoreOnly,
}

public sealed record MismatchStrategy(MismatchStrategyKind Kind, IReadOnlySet<Guid>? Users = null)
{
    public static readonly MismatchStrategy ReportAll = new(MismatchStrategyKind.ReportAll);
    public static readonly MismatchStrategy IgnoreAll = new(MismatchStrategyKind.IgnoreAll);

    /// <summary>Whether missing clients of <paramref name="user"/> are reported.</summary>
    public bool Reports(Guid user) => Kind switch
    {
        MismatchStrategyKind.ReportAll => true,
        MismatchStrategyKind.IgnoreAll => false,
        MismatchStrategyKind.ReportOnly => Users!.Contains(user),
        _ => !Users!.Contains(user),
    };
}

/// <summary>A Proteus message as galley processes it, whichever endpoint and encoding it came from.</summary>
public sealed class OtrMessage
{
    public required ulong SenderClient { get; init; }

    public required IReadOnlyList<OtrRecipient> Recipients { get; init; }

    public bool NativePush { get; init; } = true;

    public ReadOnlyMemory<byte>? Blob { get; init; }

    public NativePriority Priority { get; init; } = NativePriority.High;

    public bool Transient { get; init; }

    public required MismatchStrategy Strategy { get; init; }
}
