using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireEdge.Brig.Internal;
using WireEdge.Brig.Users;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Services;
using WireEdge.Contracts.Time;
using WireEdge.Hosting.Options;

namespace WireEdge.Brig.Connections;

/// <summary>The result of a connection request or update as the endpoints answer it.</summary>
public sealed record ConnectionOutcome(UserConnectionView? View, bool Created, bool Changed, string? ErrorLabel);

/// <summary>
/// Applies connection changes: the state machine and limit (in the store's transaction), then
/// galley's one-to-one conversation, then the <c>user.connection</c> events to whoever's side changed.
/// </summary>
public sealed class ConnectionService(IConnectionStore store, DeviceEvents events, IServiceProvider services, IOptions<WireOptions> wire, TimeProvider time)
{
    private string Domain => wire.Value.Domain;

    public async Task<ConnectionOutcome> ConnectAsync(Guid self, Guid other, string? originConnection, CancellationToken cancellationToken)
    {
        var change = await store.ChangeAsync(self, other, Domain, ConnectionRules.Connect, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await FinishAsync(self, other, change, created: change.Existing is null, originConnection, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConnectionOutcome> UpdateAsync(Guid self, Guid other, string desired, string? originConnection, CancellationToken cancellationToken)
    {
        var change = await store.ChangeAsync(self, other, Domain, (s, o) => ConnectionRules.Update(s, o, desired), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await FinishAsync(self, other, change, created: false, originConnection, cancellationToken).ConfigureAwait(false);
    }

    public UserConnectionView ToView(StoredConnection c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new UserConnectionView
        {
            From = c.From,
            To = c.To,
            QualifiedTo = new QualifiedId(c.To, c.ToDomain),
            Status = c.Status,
            LastUpdate = WireTime.Millis(c.LastUpdate),
            Conversation = c.Conversation,
            QualifiedConversation = c.Conversation is { } conv ? new QualifiedId(conv, Domain) : null,
        };
    }

    private async Task<ConnectionOutcome> FinishAsync(Guid self, Guid other, ConnectionChange change, bool created, string? originConnection, CancellationToken cancellationToken)
    {
        if (change.Transition.ErrorLabel is { } label)
        {
            return new ConnectionOutcome(null, false, false, label);
        }

        if (change.Self is null && change.Other is null)
        {
            return new ConnectionOutcome(change.Existing is null ? null : ToView(change.Existing), false, false, null);
        }

        var selfRow = change.Self ?? change.Existing;
        var otherRow = change.Other;
        if (change.Transition.Membership is { } membership && services.GetService<IGalleyInternal>() is { } galley)
        {
            var conversation = await galley.UpsertOne2OneAsync(self, other, membership, cancellationToken).ConfigureAwait(false);
            if (selfRow?.Conversation != conversation || (otherRow is not null && otherRow.Conversation != conversation))
            {
                await store.SetConversationAsync(self, other, conversation, cancellationToken).ConfigureAwait(false);
            }

            selfRow = selfRow is null ? null : selfRow with { Conversation = conversation };
            otherRow = otherRow is null ? null : otherRow with { Conversation = conversation };
        }

        var name = await NameOfAsync(self, cancellationToken).ConfigureAwait(false);
        var pushes = new List<(Guid, byte[], string?)>();
        if (change.Self is not null && selfRow is not null)
        {
            pushes.Add((self, Event(ToView(selfRow), name), originConnection));
        }

        if (otherRow is not null)
        {
            pushes.Add((other, Event(ToView(otherRow), name), null));
        }

        await events.PushManyAsync(pushes, self, cancellationToken).ConfigureAwait(false);
        return new ConnectionOutcome(selfRow is null ? null : ToView(selfRow), created, true, null);
    }

    private async Task<string?> NameOfAsync(Guid user, CancellationToken cancellationToken)
    {
        if (services.GetService<IUserLookup>() is not { } lookup)
        {
            return null;
        }

        var found = await lookup.GetUsersAsync([user], cancellationToken).ConfigureAwait(false);
        return found.FirstOrDefault(u => u.Id == user)?.Name;
    }

    private static byte[] Event(UserConnectionView view, string? name)
        => JsonSerializer.SerializeToUtf8Bytes(
            [new ConnectionEvent { Connection = view, User = name is null ? null : new EventUser(name) }],
            DevicesJsonContext.Default.ConnectionEventArray);
}
