using System.Net.Http.Json;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Services;

namespace WireEdge.Brig.Internal;

/// <summary>
/// <see cref="IBrigInternal"/> over HTTP against brig's internal listener (distributed topology):
/// <c>POST /i/clients/list</c>, <c>POST /i/connections/accepted</c>, <c>POST /i/users/summaries</c>,
/// <c>POST /i/clients/active</c>.
/// </summary>
public sealed class HttpBrigInternal(HttpClient http) : IBrigInternal
{
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ClientId>>> GetClientsAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("/i/clients/list", new UserIdsBody { Users = [.. users] }, DevicesJsonContext.Default.UserIdsBody, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync(DevicesJsonContext.Default.UserClientIds, cancellationToken).ConfigureAwait(false);
        return (body?.Clients ?? []).ToDictionary(kv => kv.Key, kv => (IReadOnlyList<ClientId>)kv.Value);
    }

    public async Task<IReadOnlySet<Guid>> GetAcceptedConnectionsAsync(Guid user, IReadOnlyCollection<Guid> others, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("/i/connections/accepted", new AcceptedConnectionsBody { User = user, Others = [.. others] }, DevicesJsonContext.Default.AcceptedConnectionsBody, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync(DevicesJsonContext.Default.UserIdsBody, cancellationToken).ConfigureAwait(false);
        return (body?.Users ?? []).ToHashSet();
    }

    public async Task<IReadOnlyList<UserSummary>> GetUsersAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("/i/users/summaries", new UserIdsBody { Users = [.. users] }, DevicesJsonContext.Default.UserIdsBody, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync(DevicesJsonContext.Default.UserSummaries, cancellationToken).ConfigureAwait(false);
        return [.. (body?.Users ?? []).Select(u => new UserSummary(u.Id, u.Name, u.Team, u.Handle, u.Deleted))];
    }

    public async Task MarkClientActiveAsync(Guid user, ClientId client, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("/i/clients/active", new ClientActiveBody { User = user, Client = client }, DevicesJsonContext.Default.ClientActiveBody, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
