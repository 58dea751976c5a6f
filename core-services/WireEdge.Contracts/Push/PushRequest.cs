using WireEdge.Contracts.Ids;

namespace WireEdge.Contracts.Push;

/// <summary>How a notification may reach a recipient: <c>any</c> (websocket and native push) or <c>direct</c> (websocket only).</summary>
public enum PushRoute
{
    Any,
    Direct,
}

public enum NativePriority
{
    High,
    Low,
}

/// <summary>One recipient of a push; an empty or null <paramref name="Clients"/> means all of the user's clients.</summary>
public sealed record PushRecipient(Guid User, PushRoute Route = PushRoute.Any, IReadOnlyList<ClientId>? Clients = null);

/// <summary>
/// A push to gundeck (FACTS.md §5.2, <c>POST /i/push/v2</c>). The payload is the notification's
/// <c>payload</c> array, already serialised to UTF-8 JSON once by the caller, so fan-out never
/// re-serialises it.
/// </summary>
public sealed class PushRequest
{
    public required IReadOnlyList<PushRecipient> Recipients { get; init; }

    /// <summary>UTF-8 JSON array of event objects (at least one).</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    public Guid? Origin { get; init; }

    /// <summary>The origin user's connection that caused the push; that socket is skipped.</summary>
    public string? OriginConnection { get; init; }

    /// <summary>When non-empty, only these connections receive it (allowlist).</summary>
    public IReadOnlyList<string>? Connections { get; init; }

    /// <summary>Transient pushes are delivered live only: never stored, never sent natively.</summary>
    public bool Transient { get; init; }

    public bool NativeIncludeOrigin { get; init; } = true;

    public bool NativeEncrypt { get; init; } = true;

    public NativePriority NativePriority { get; init; } = NativePriority.High;
}

/// <summary>
/// The push hub's interface (galley/brig → gundeck). Completes only once every non-transient
/// notification is durably stored; live delivery may still be in flight.
/// </summary>
public interface IPushClient
{
    Task PushAsync(IReadOnlyList<PushRequest> pushes, CancellationToken cancellationToken = default);
}
