using WireEdge.Contracts.Push;

namespace WireEdge.Gundeck.Push;

/// <summary>One notification to deliver live: its id, its JSON (serialised once) and the push it came from.</summary>
public sealed record Delivery(Guid Id, byte[] Json, PushRequest Push);
