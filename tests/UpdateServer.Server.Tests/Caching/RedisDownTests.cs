using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using UpdateServer.Packaging.Api;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Caching;

/// <summary>
/// A server configured for Redis while Redis does not answer (nothing listens on the port): it still serves metadata,
/// answers checks and publishes — the cache and the change feed are best effort, the database is the truth.
/// </summary>
public sealed class RedisDownTests : IAsyncLifetime
{
    private readonly UpdateServerFactory _server = new(new Dictionary<string, string>
    {
        ["Cache:Provider"] = "Redis",
        ["Cache:Redis:Configuration"] = "127.0.0.1:1,connectTimeout=200,syncTimeout=200,asyncTimeout=200",
    });

    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task PublishesAndAdvisesWithoutRedis()
    {
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");

        using var published = await PublishAsync(publication);
        using var check = await _http.PostAsJsonAsync("/api/v1/check", Inventory(), Ct);

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        check.EnsureSuccessStatusCode();
        Assert.Equal("1.0.0", Assert.Single((await check.Content.ReadFromJsonAsync<CheckResponse>(Ct))!.Steps).Version);
    }

    [Fact]
    public async Task ServesAnOlderMetadataVersionFromTheDatabaseWhenTheSharedCacheIsDown()
    {
        var first = await _http.GetByteArrayAsync("/tuf/metadata/timestamp.json", Ct);
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();

        using var older = await _http.GetAsync("/tuf/metadata/1.timestamp.json", Ct);

        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        Assert.Equal(first, await older.Content.ReadAsByteArrayAsync(Ct));
        Assert.NotEqual(first, await _http.GetByteArrayAsync("/tuf/metadata/timestamp.json", Ct));
    }

    private static CheckRequest Inventory() => new()
    {
        DeviceId = "machine-1",
        Os = "linux",
        Arch = "x64",
        Products = [new InstalledProduct("acme.culture-platform", null)],
    };

    private async Task<HttpResponseMessage> PublishAsync(Publication publication)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/publish/acme") { Content = publication.Content() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Repository.AcmeApiKey);
        return await _http.SendAsync(request, Ct);
    }
}
