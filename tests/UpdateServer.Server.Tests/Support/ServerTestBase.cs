using System.Net.Http.Headers;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Support;

/// <summary>A fresh server per test class instance (so per test), with an HttpClient pointed at it.</summary>
public abstract class ServerTestBase : IAsyncLifetime
{
    protected UpdateServerFactory Server { get; } = new();

    protected HttpClient Http { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual ValueTask InitializeAsync()
    {
        Http = new HttpClient { BaseAddress = Server.BaseAddress };
        return ValueTask.CompletedTask;
    }

    public virtual async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected Publication Acme() => new("acme", Server.Repository.AcmeKey, Server.Clock.GetUtcNow());

    protected Task<HttpResponseMessage> PublishAsync(Publication publication, string vendor = "acme", string? apiKey = null) =>
        SendPublishAsync(publication.Content(), vendor, apiKey);

    /// <summary>Publishes role files (vendor role and bins) and packages as acme.</summary>
    protected Task<HttpResponseMessage> PublishAsync(IEnumerable<(string Role, byte[] Bytes)> files, params IEnumerable<byte[]> packages) =>
        SendPublishAsync(BinnedVendor.Content(files, packages), "acme", null);

    private async Task<HttpResponseMessage> SendPublishAsync(MultipartFormDataContent content, string vendor, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/publish/{vendor}") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? Server.Repository.AcmeApiKey);
        return await Http.SendAsync(request, Ct);
    }
}
