namespace WireEdge.Brig.Auth;

/// <summary>One stored <c>zuid</c> cookie (<c>brig_cookies</c>); <see cref="Id"/> is the user token's <c>r</c>.</summary>
public sealed class CookieRow
{
    public Guid UserId { get; set; }

    public long Id { get; set; }

    public bool Persistent { get; set; }

    /// <summary>Epoch milliseconds.</summary>
    public long Created { get; set; }

    /// <summary>Epoch milliseconds.</summary>
    public long Expires { get; set; }

    public string? Label { get; set; }

    /// <summary>The cookie that superseded this one on renewal (kept working until it expires).</summary>
    public long? SuccId { get; set; }

    /// <summary>Client id (hex) the cookie is bound to.</summary>
    public string? Client { get; set; }
}

/// <summary>Brig's cookie rows.</summary>
public interface ICookieStore
{
    Task InsertAsync(CookieRow cookie, CancellationToken cancellationToken = default);

    Task<CookieRow?> GetAsync(Guid user, long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CookieRow>> ListAsync(Guid user, CancellationToken cancellationToken = default);

    Task<int> DeleteAsync(Guid user, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default);

    Task<int> DeleteByLabelsAsync(Guid user, IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default);

    Task<int> DeleteAllAsync(Guid user, CancellationToken cancellationToken = default);

    /// <summary>Records the successor of a renewed cookie and shortens its life to <paramref name="expires"/>.</summary>
    Task SetSuccessorAsync(Guid user, long id, long successor, long expires, CancellationToken cancellationToken = default);

    /// <summary>Deletes expired cookies and, beyond <paramref name="limit"/>, the oldest ones; returns how many went.</summary>
    Task<int> EvictAsync(Guid user, int limit, long nowMillis, CancellationToken cancellationToken = default);
}
