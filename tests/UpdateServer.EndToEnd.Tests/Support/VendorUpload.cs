using UpdateServer.Testing;

namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>Sends a vendor's publication to the server's publish endpoint with the vendor's API key.</summary>
public static class VendorUpload
{
    public static async Task PublishAsync(UpdateServerFactory server, Publication publication)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(publication);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/publish/acme") { Content = publication.Content() };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Repository.AcmeApiKey);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
