using System.Security.Cryptography;
using StackExchange.Redis;
using WireEdge.Contracts.Push;

namespace WireEdge.Gundeck.Presences;

/// <summary>
/// The presence table in Redis (embedded Garnet or a Redis server), layout of FACTS.md §5.4. The
/// epoch is a random run id under <see cref="EpochKey"/>, created with SET NX when absent: a store
/// restarted empty (or flushed) gets a new one, which tells cannon to close its sockets.
/// Registration is <c>MULTI; HSET; EXPIRE; GET presence:epoch; EXEC</c>: the epoch returned is read
/// atomically with the write, so a presence never lands in a store whose epoch differs from it.
/// Usable standalone: <c>new RedisPresenceRegistry(RedisConnectionProvider.External("host:port"))</c>.
/// </summary>
public sealed class RedisPresenceRegistry(RedisConnectionProvider redis) : IPresenceRegistry
{
    public const string EpochKey = "presence:epoch";
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(604_800);

    public async Task<string> RegisterAsync(Presence presence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presence);
        var db = await redis.DatabaseAsync().ConfigureAwait(false);
        RedisKey key = PresenceValue.Key(presence.User);
        RedisValue value = PresenceValue.Encode(presence);
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tran = db.CreateTransaction();
            _ = tran.HashSetAsync(key, presence.Connection, value);
            _ = tran.KeyExpireAsync(key, Expiry);
            var epochRead = tran.StringGetAsync(EpochKey);
            await tran.ExecuteAsync().ConfigureAwait(false);
            var epoch = await epochRead.ConfigureAwait(false);
            if (!epoch.IsNull)
            {
                return epoch.ToString();
            }

            // The store has no epoch (fresh or just emptied): create one, then register again so the
            // presence is written atomically together with reading that epoch.
            await GetEpochAsync(cancellationToken).ConfigureAwait(false);
            if (attempt >= 4)
            {
                throw new RedisException("presence registration kept racing with the store being emptied");
            }
        }
    }

    public async Task UnregisterAsync(Guid user, string connection, Uri cannon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(cannon);
        var db = await redis.DatabaseAsync().ConfigureAwait(false);
        RedisKey key = PresenceValue.Key(user);
        var current = await db.HashGetAsync(key, connection).ConfigureAwait(false);
        if (current.IsNull)
        {
            return;
        }

        var p = PresenceValue.Decode(user, connection, (byte[]?)current);
        if (p is not null && !SameCannon(p.Cannon, cannon))
        {
            return;
        }

        var tran = db.CreateTransaction();
        tran.AddCondition(Condition.HashEqual(key, connection, current));
        _ = tran.HashDeleteAsync(key, connection);
        await tran.ExecuteAsync().ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Presence>> GetAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (users.Count == 0)
        {
            return [];
        }

        var db = await redis.DatabaseAsync().ConfigureAwait(false);
        var batch = db.CreateBatch();
        var pending = new (Guid User, Task<HashEntry[]> Entries)[users.Count];
        var i = 0;
        foreach (var u in users)
        {
            pending[i++] = (u, batch.HashGetAllAsync(PresenceValue.Key(u)));
        }

        batch.Execute();
        var result = new List<Presence>(users.Count);
        foreach (var (user, task) in pending)
        {
            foreach (var e in await task.ConfigureAwait(false))
            {
                if (PresenceValue.Decode(user, e.Name.ToString(), (byte[]?)e.Value) is { } p)
                {
                    result.Add(p);
                }
            }
        }

        return result;
    }

    public async Task<string> GetEpochAsync(CancellationToken cancellationToken = default)
    {
        var db = await redis.DatabaseAsync().ConfigureAwait(false);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await db.StringGetAsync(EpochKey).ConfigureAwait(false);
            if (!current.IsNull)
            {
                return current.ToString();
            }

            var fresh = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            if (await db.StringSetAsync(EpochKey, fresh, when: When.NotExists).ConfigureAwait(false))
            {
                return fresh;
            }
        }

        throw new RedisException("could not read or create the presence epoch");
    }

    internal static bool SameCannon(Uri a, Uri b)
        => string.Equals(PresenceValue.CannonBase(a), PresenceValue.CannonBase(b), StringComparison.OrdinalIgnoreCase);
}
