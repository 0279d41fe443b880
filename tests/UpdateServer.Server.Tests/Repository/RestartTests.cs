using System.Net;
using System.Net.Http.Headers;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Repository;

/// <summary>
/// A restart after <c>upkg repo push</c>, with the repository folder as it was deployed: the database is authoritative
/// once a document is imported, so the older files in the folder neither stop the start nor undo the push.
/// </summary>
public sealed class RestartTests : IAsyncLifetime
{
    private UpdateServerFactory _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OperatorDocuments Documents => new(_server.Repository, _server.Clock.GetUtcNow());

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task KeepsPushedTargetsWhenTheFolderStillHoldsTheDeployedOnes()
    {
        await PushAsync(targets: Documents.Targets(2));

        _server = await _server.RestartAsync();

        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        var served = Metadata.FromBytes<TargetsMetadata>(await http.GetByteArrayAsync("/tuf/metadata/targets.json", Ct));
        Assert.Equal(2, served.Signed.Version);
    }

    [Theory]
    [InlineData("pushed, the folder still holding version 1")]
    [InlineData("put into the folder")]
    public async Task KeepsTheNewestVendorListAcrossARestart(string how)
    {
        var replacement = VendorRegistration.NewApiKey();
        if (how == "put into the folder")
        {
            _ = _server.BaseAddress;
            await File.WriteAllBytesAsync(VendorsFile, Documents.Vendors(2, replacement), Ct);
        }
        else
        {
            await PushAsync(vendors: Documents.Vendors(2, replacement));
        }

        _server = await _server.RestartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await PublishAsync(_server.Repository.AcmeApiKey));
        Assert.Equal(HttpStatusCode.Created, await PublishAsync(replacement));
    }

    [Fact]
    public async Task RefusesToRestartWithAnotherVendorListUnderTheImportedVersion()
    {
        _ = _server.BaseAddress;
        await File.WriteAllBytesAsync(VendorsFile, Documents.Vendors(1, VendorRegistration.NewApiKey()), Ct);

        _server = await _server.RestartAsync();

        var error = Assert.ThrowsAny<Exception>(() => _server.BaseAddress);
        Assert.Contains("vendors.json version 1 differs from the imported version 1", StartupFailure.Describe(error), StringComparison.Ordinal);
    }

    private string VendorsFile => Path.Combine(_server.Repository.ServerDirectory, ServerRepositoryFiles.Vendors);

    private async Task PushAsync(byte[]? targets = null, byte[]? vendors = null)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var response = await RepositoryPush.SendAsync(http, _server.Repository.OperatorApiKey, targets: targets, vendors: vendors);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<HttpStatusCode> PublishAsync(string apiKey)
    {
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/publish/acme") { Content = publication.Content() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
