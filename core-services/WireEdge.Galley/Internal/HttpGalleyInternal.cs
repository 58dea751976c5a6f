using System.Net.Http.Json;
using WireEdge.Contracts.Identity;
using WireEdge.Contracts.Services;
using WireEdge.Galley.Json;

namespace WireEdge.Galley.Internal;

/// <summary><see cref="IGalleyInternal"/> over galley's internal HTTP API (distributed topology).</summary>
public sealed class HttpGalleyInternal(HttpClient http) : IGalleyInternal
{
    public async Task<Guid> UpsertOne2OneAsync(Guid from, Guid to, One2OneMembership membership, CancellationToken cancellationToken = default)
    {
        var body = new One2OneUpsertBody { From = from, To = to, Membership = InternalEndpoints.MembershipName(membership) };
        using var response = await http.PostAsJsonAsync("/i/conversations/one2one/upsert", body, GalleyJsonContext.Default.One2OneUpsertBody, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync(GalleyJsonContext.Default.One2OneUpsertResponse, cancellationToken).ConfigureAwait(false);
        return result?.Conversation ?? throw new HttpRequestException("galley returned no conversation id");
    }

    public async Task CreateBindingTeamAsync(Guid teamId, Guid owner, string name, string icon, string? iconKey, CancellationToken cancellationToken = default)
    {
        var body = new BindingTeamBody { Owner = owner, Name = name, Icon = icon, IconKey = iconKey };
        using var response = await http.PutAsJsonAsync($"/i/teams/{teamId:D}", body, GalleyJsonContext.Default.BindingTeamBody, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public async Task OnUserDeletedAsync(Guid user, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/i/user");
        request.Headers.Add(ZHeaders.User, user.ToString("D"));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
