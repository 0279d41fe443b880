using System.Net.Http.Headers;
using System.Net.Http.Json;
using UpdateServer.Packaging.Api;
using UpdateServer.Testing;
using UpdateServer.Testing.Backends;

namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>
/// A repository made with the library (<see cref="TestRepository"/>, real clock) on one backend, served by as many
/// server processes as a test starts on it — several instances sharing the database, blobs and cache, or one restarted
/// after a crash. Vendors publish over HTTP as <c>upkg</c> would.
/// </summary>
public sealed class ServedRepository : IAsyncDisposable
{
    private readonly List<ServerProcess> _servers = [];

    private ServedRepository(TestRepository repository, TestBackend backend)
    {
        Repository = repository;
        Backend = backend;
    }

    public TestRepository Repository { get; }

    public TestBackend Backend { get; }

    /// <summary>The data folder of the embedded backend; with shared services each server gets a folder of its own (for its upload spool).</summary>
    private string DataDirectory => Path.Combine(Repository.Directory, "data");

    /// <summary>A repository on the backend this test run uses (<see cref="TestBackend.Create"/>).</summary>
    public static ServedRepository OnTestBackend(int moreVendors = 0)
    {
        var repository = new TestRepository(DateTimeOffset.UtcNow, moreVendors);
        return new ServedRepository(repository, TestBackend.Create(Path.Combine(repository.Directory, "data")));
    }

    /// <summary>A repository on PostgreSQL, Azurite and Redis, whatever backend the rest of the run uses: what several instances need.</summary>
    public static ServedRepository OnSharedServices(int moreVendors = 0) =>
        new(new TestRepository(DateTimeOffset.UtcNow, moreVendors), SharedServicesBackend.Create());

    public async Task<ServerProcess> StartServerAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var data = Backend is EmbeddedBackend ? DataDirectory : Path.Combine(Repository.Directory, "data-" + _servers.Count);
        var server = await ServerProcess.StartAsync(Repository.ServerDirectory, data, Backend, settings);
        _servers.Add(server);
        return server;
    }

    /// <summary>A new publication of <paramref name="vendor"/> (acme when null) signed with its key.</summary>
    public Publication Publication(TestVendor? vendor = null) =>
        new(vendor?.Name ?? "acme", vendor?.Key ?? Repository.AcmeKey, DateTimeOffset.UtcNow);

    public async Task<HttpResponseMessage> PublishAsync(HttpClient http, ServerProcess server, Publication publication, TestVendor? vendor = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(publication);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Url, $"api/v1/publish/{vendor?.Name ?? "acme"}"))
        {
            Content = publication.Content(),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", vendor?.ApiKey ?? Repository.AcmeApiKey);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>What <paramref name="server"/> advises a Linux machine managing <paramref name="product"/>, not installed yet.</summary>
    public static Task<CheckResponse> CheckAsync(HttpClient http, ServerProcess server, string product) => CheckAsync(http, server, CheckOf(product));

    /// <summary>What <paramref name="server"/> answers to <paramref name="request"/>.</summary>
    public static async Task<CheckResponse> CheckAsync(HttpClient http, ServerProcess server, CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(server);
        using var response = await http.PostAsJsonAsync(new Uri(server.Url, "api/v1/check"), request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CheckResponse>(TestContext.Current.CancellationToken))!;
    }

    public static CheckRequest CheckOf(string product) => new()
    {
        DeviceId = "kiosk-" + Guid.NewGuid().ToString("N")[..8],
        Os = "linux",
        Arch = "x64",
        Products = [new InstalledProduct(product, null)],
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await Backend.DisposeAsync();
        Repository.Dispose();
    }
}
