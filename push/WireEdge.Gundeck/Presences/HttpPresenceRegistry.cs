using System.Net.Http.Json;
using WireEdge.Contracts.Push;

namespace WireEdge.Gundeck.Presences;

/// <summary>
/// <see cref="IPresenceRegistry"/> of a remote gundeck (distributed topology): the presence API of
/// FACTS.md §5.2 plus <c>POST /i/presences/lookup</c> (one request for all users, one Redis round
/// trip there) and <c>GET /i/presences/epoch</c>.
/// </summary>
public sealed class HttpPresenceRegistry(HttpClient http) : IPresenceRegistry
{
    public async Task<string> RegisterAsync(Presence presence, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/i/presences", UriKind.Relative), PresenceDto.From(presence), GundeckJsonContext.Default.PresenceDto, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var epoch = await response.Content.ReadFromJsonAsync(GundeckJsonContext.Default.EpochDto, cancellationToken).ConfigureAwait(false);
        return epoch?.Epoch ?? throw new HttpRequestException("presence registration without epoch");
    }

    public async Task UnregisterAsync(Guid user, string connection, Uri cannon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cannon);
        var path = $"/i/presences/{user:D}/devices/{Uri.EscapeDataString(connection)}/cannons/{Uri.EscapeDataString(cannon.Authority)}";
        using var response = await http.DeleteAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<Presence>> GetAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (users.Count == 0)
        {
            return [];
        }

        using var response = await http.PostAsJsonAsync(new Uri("/i/presences/lookup", UriKind.Relative), users.ToList(), GundeckJsonContext.Default.ListGuid, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var list = await response.Content.ReadFromJsonAsync(GundeckJsonContext.Default.ListPresenceDto, cancellationToken).ConfigureAwait(false) ?? [];
        var result = new List<Presence>(list.Count);
        foreach (var dto in list)
        {
            if (dto.ToPresence(dto.CreatedAt) is { } p)
            {
                result.Add(p);
            }
        }

        return result;
    }

    public async Task<string> GetEpochAsync(CancellationToken cancellationToken = default)
    {
        var epoch = await http.GetFromJsonAsync(new Uri("/i/presences/epoch", UriKind.Relative), GundeckJsonContext.Default.EpochDto, cancellationToken).ConfigureAwait(false);
        return epoch?.Epoch ?? throw new HttpRequestException("no epoch");
    }
}
