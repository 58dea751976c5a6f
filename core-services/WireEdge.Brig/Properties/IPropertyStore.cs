namespace WireEdge.Brig.Properties;

/// <summary>A user's properties: key → raw JSON value (<c>brig_properties</c>).</summary>
public interface IPropertyStore
{
    /// <summary>Sets a property; false when the user already has <paramref name="maxCount"/> other properties.</summary>
    Task<bool> SetAsync(Guid user, string key, string jsonValue, int maxCount, CancellationToken cancellationToken = default);

    Task<string?> GetAsync(Guid user, string key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<KeyValuePair<string, string>>> GetAllAsync(Guid user, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(Guid user, string key, CancellationToken cancellationToken = default);

    Task<int> ClearAsync(Guid user, CancellationToken cancellationToken = default);
}
