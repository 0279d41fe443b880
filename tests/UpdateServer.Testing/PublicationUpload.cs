using System.Net;
using System.Net.Http.Headers;

namespace UpdateServer.Testing;

/// <summary>Sends a vendor's publication to the server under test, as acme with its API key.</summary>
public static class PublicationUpload
{
    /// <summary>Publishes <paramref name="publication"/> as acme and asserts 201 Created.</summary>
    public static async Task PublishAsAcmeAsync(this UpdateServerFactory server, Publication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(publication);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/publish/acme") { Content = publication.Content() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Repository.AcmeApiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
