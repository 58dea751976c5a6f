using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WireEdge.Brig.Configuration;

namespace WireEdge.Brig.Auth;

/// <summary>
/// Per-user failed-login limit (wire-server's <c>limitFailedLogins</c>): after
/// <see cref="BrigOptions.FailedLoginLimit"/> wrong passwords within the window, logins of that user
/// are refused until the window of the first failure has passed. Kept in process memory; in the
/// distributed topology each brig replica counts on its own.
/// </summary>
public sealed class LoginThrottle(IOptions<BrigOptions> options, TimeProvider time)
{
    private const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<Guid, Window> failures = new();
    private readonly BrigOptions settings = options?.Value ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Seconds until the user may try again, or null when logins are allowed.</summary>
    public int? RetryAfter(Guid user)
    {
        if (!failures.TryGetValue(user, out var w))
        {
            return null;
        }

        var now = time.GetUtcNow();
        lock (w)
        {
            if (now >= w.Start.AddSeconds(settings.FailedLoginWindowSeconds))
            {
                failures.TryRemove(new KeyValuePair<Guid, Window>(user, w));
                return null;
            }

            return w.Count >= settings.FailedLoginLimit
                ? Math.Max(1, (int)Math.Ceiling((w.Start.AddSeconds(settings.FailedLoginWindowSeconds) - now).TotalSeconds))
                : null;
        }
    }

    public void RecordFailure(Guid user)
    {
        if (failures.Count >= MaxTracked)
        {
            Sweep();
        }

        var now = time.GetUtcNow();
        var w = failures.GetOrAdd(user, _ => new Window(now));
        lock (w)
        {
            if (now >= w.Start.AddSeconds(settings.FailedLoginWindowSeconds))
            {
                w.Start = now;
                w.Count = 0;
            }

            w.Count++;
        }
    }

    public void Reset(Guid user) => failures.TryRemove(user, out _);

    private void Sweep()
    {
        var cutoff = time.GetUtcNow().AddSeconds(-settings.FailedLoginWindowSeconds);
        foreach (var kv in failures)
        {
            if (kv.Value.Start < cutoff)
            {
                failures.TryRemove(kv);
            }
        }
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;

        public int Count { get; set; }
    }
}
