using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireEdge.Contracts.Services;
using WireEdge.Galley.Events;
using WireEdge.Galley.Storage;
using WireEdge.Hosting.Options;

namespace WireEdge.Galley;

/// <summary>What galley's handlers share: stores, the backend domain, the clock, brig and the push hub.</summary>
public sealed class GalleyContext(
    IConversationStore conversations,
    ITeamStore teams,
    IOptions<WireOptions> wire,
    TimeProvider time,
    ConversationNotifier notifier,
    IServiceProvider services)
{
    private IBrigInternal? brig;

    public IConversationStore Conversations { get; } = conversations;

    public ITeamStore Teams { get; } = teams;

    public string Domain { get; } = wire.Value.Domain;

    public TimeProvider Time { get; } = time;

    public ConversationNotifier Notifier { get; } = notifier;

    /// <summary>Brig's internal interface (in-process or HTTP), resolved on first use.</summary>
    public IBrigInternal Brig => brig ??= services.GetService<IBrigInternal>()
        ?? throw new InvalidOperationException("IBrigInternal is not bound in this process (brig module missing and no Peers:brig configured)");

    /// <summary>Now, truncated to milliseconds as events render it.</summary>
    public DateTimeOffset Now() => Contracts.Time.WireTime.TruncateToMillis(Time.GetUtcNow());
}
