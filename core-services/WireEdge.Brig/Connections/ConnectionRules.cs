using WireEdge.Contracts.Services;
using S = WireEdge.Brig.Connections.ConnectionStatus;

namespace WireEdge.Brig.Connections;

/// <summary>
/// The outcome of a connection request or status update, decided from both sides' current states.
/// <see cref="Self"/>/<see cref="Other"/> are the new statuses (null: that side stays as it is).
/// </summary>
public sealed record Transition(string? Self, string? Other, One2OneMembership? Membership, string? ErrorLabel = null)
{
    public static readonly Transition Unchanged = new(null, null, null);

    public static Transition Fail(string label) => new(null, null, null, label);

    public bool IsNoChange => ErrorLabel is null && Self is null && Other is null;

    /// <summary>Whether the caller's side moves into a state counted by the connection limit.</summary>
    public bool Activates(string? current)
        => Self is S.Accepted or S.Sent && current is not (S.Accepted or S.Sent);
}

/// <summary>The connection state machine (FACTS.md §6.5), as pure functions.</summary>
public static class ConnectionRules
{
    /// <summary>At most this many accepted or sent connections per user (<c>setUserMaxConnections</c>).</summary>
    public const int MaxConnections = 1000;

    public const string BadUpdate = "bad-conn-update";
    public const string NotConnected = "not-connected";

    /// <summary><c>POST /connections/:d/:u</c>: <paramref name="self"/> and <paramref name="other"/> are the current statuses (null = no row).</summary>
    public static Transition Connect(string? self, string? other) => self switch
    {
        S.Accepted or S.Sent => Transition.Unchanged,
        S.Blocked => Transition.Fail(BadUpdate),
        S.Pending or S.Ignored when other is S.Sent or S.Accepted => new Transition(S.Accepted, S.Accepted, One2OneMembership.Both),
        _ when other is S.Blocked => new Transition(S.Sent, null, One2OneMembership.RequesterOnly),
        _ => new Transition(S.Sent, S.Pending, One2OneMembership.RequesterOnly),
    };

    /// <summary><c>PUT /connections/:d/:u</c> to <paramref name="desired"/>.</summary>
    public static Transition Update(string? self, string? other, string desired)
    {
        if (self is null)
        {
            return Transition.Fail(NotConnected);
        }

        if (self == desired)
        {
            return Transition.Unchanged;
        }

        var otherWants = other is S.Sent or S.Accepted;
        return desired switch
        {
            S.Accepted when self is S.Pending or S.Ignored or S.Blocked && otherWants
                => new Transition(S.Accepted, S.Accepted, One2OneMembership.Both),
            S.Accepted when self is S.Blocked
                => Request(other),
            S.Blocked => new Transition(S.Blocked, null, One2OneMembership.None),
            S.Ignored when self is S.Pending => new Transition(S.Ignored, null, One2OneMembership.None),
            S.Cancelled when self is S.Sent
                => new Transition(S.Cancelled, other is S.Pending or S.Ignored ? S.Cancelled : null, One2OneMembership.None),
            S.Sent when self is S.Blocked or S.Cancelled => otherWants
                ? new Transition(S.Accepted, S.Accepted, One2OneMembership.Both)
                : Request(other),
            _ => Transition.Fail(BadUpdate),
        };
    }

    private static Transition Request(string? other)
        => new(S.Sent, other is S.Blocked ? null : S.Pending, One2OneMembership.RequesterOnly);
}
