using System.Net.Http.Headers;
using WireEdge.Contracts.Push;

namespace WireEdge.Gundeck.Push;

/// <summary><see cref="IPushClient"/> against a remote gundeck: <c>POST {gundeck}/i/push/v2</c>; completes when gundeck has stored the pushes.</summary>
public sealed class HttpPushClient(HttpClient http) : IPushClient
{
    public async Task PushAsync(IReadOnlyList<PushRequest> pushes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pushes);
        if (pushes.Count == 0)
        {
            return;
        }

        using var content = new ByteArrayContent(PushV2Json.Write(pushes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri("/i/push/v2", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
