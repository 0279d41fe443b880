using System.Net;
using System.Net.Http.Headers;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Repository;

public sealed class TufEndpointTests : ServerTestBase
{
    [Fact]
    public async Task ServesAChainATufClientVerifies()
    {
        var publication = Acme();
        var package = await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();
        var metadataDir = Path.Combine(Server.Repository.Directory, "client");
        var store = new DirectoryMetadataStore(metadataDir);
        store.Write(RoleNames.Root, Server.Repository.RootBytes);
        var client = new TufClient(new HttpRepositoryTransport(Http, new Uri(Http.BaseAddress!, "tuf/metadata/"), new Uri(Http.BaseAddress!, "tuf/targets/")),
            store, Server.Clock);

        await client.RefreshAsync(Ct);
        var target = await client.FindTargetAsync("acme/acme.culture-platform-1.0.0.upkg", Ct);
        var destination = Path.Combine(metadataDir, "download.upkg");
        await client.DownloadTargetAsync("acme/acme.culture-platform-1.0.0.upkg", target!, destination, null, Ct);

        Assert.Equal(package, await File.ReadAllBytesAsync(destination, Ct));
        Assert.Equal(2, client.Trusted.Snapshot!.Signed.Version);
    }

    [Theory]
    [InlineData("1.root.json")]
    [InlineData("root.json")]
    [InlineData("timestamp.json")]
    [InlineData("1.snapshot.json")]
    [InlineData("1.targets.json")]
    public async Task ServesMetadataFilesByTheirSpecNames(string fileName)
    {
        using var response = await Http.GetAsync($"/tuf/metadata/{fileName}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task MarksVersionedFilesImmutableAndTimestampRevalidated()
    {
        using var versioned = await Http.GetAsync("/tuf/metadata/1.root.json", Ct);
        using var timestamp = await Http.GetAsync("/tuf/metadata/timestamp.json", Ct);

        Assert.Contains("immutable", versioned.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(timestamp.Headers.CacheControl!.NoCache);
    }

    [Fact]
    public async Task AnswersNotModifiedForAMatchingETag()
    {
        using var first = await Http.GetAsync("/tuf/metadata/1.root.json", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tuf/metadata/1.root.json");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task ServesByteRangesOfTargets()
    {
        var publication = Acme();
        var package = await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tuf/targets/acme/{FileHashes.Sha256Hex(package)}.acme.culture-platform-1.0.0.upkg");
        request.Headers.Range = new RangeHeaderValue(10, 19);

        using var response = await Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(package[10..20], await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task RefusesRangesOutsideTheFile()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tuf/metadata/1.root.json");
        request.Headers.Range = new RangeHeaderValue(1_000_000, 1_000_010);

        using var response = await Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
    }

    [Theory]
    [InlineData("/tuf/metadata/2.root.json")]
    [InlineData("/tuf/metadata/acme.json")]
    [InlineData("/tuf/metadata/..%2Froot.json")]
    [InlineData("/tuf/metadata/0.root.json")]
    [InlineData("/tuf/targets/acme/nothing.upkg")]
    [InlineData("/tuf/targets/acme/0000000000000000000000000000000000000000000000000000000000000000.x.upkg")]
    public async Task AnswersNotFoundAsAProblem(string path)
    {
        using var response = await Http.GetAsync(path, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task DoesNotServeATargetUnderAnotherHash()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();

        using var response = await Http.GetAsync($"/tuf/targets/acme/{new string('a', 64)}.acme.culture-platform-1.0.0.upkg", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PublishesTheOpenApiDocument()
    {
        var document = await Http.GetStringAsync("/openapi/v1.json", Ct);

        Assert.Contains("/api/v1/check", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/publish/{vendor}", document, StringComparison.Ordinal);
    }
}
