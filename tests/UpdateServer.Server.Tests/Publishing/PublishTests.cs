using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Server.Problems;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Publishing;

public sealed class PublishTests : IAsyncLifetime
{
    private readonly UpdateServerFactory _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient _http = null!;

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
    public async Task PublishesPackageAndSignsNewSnapshotAndTimestamp()
    {
        var before = await RepositoryProbe.TakeAsync(_server);
        var publication = Acme();
        var package = await publication.AddPackageAsync("acme.culture-platform", "1.0.0");

        using var response = await PublishAsync("acme", publication, _server.Repository.AcmeApiKey);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, result.GetProperty("metadataVersion").GetInt64());
        Assert.Equal(before.SnapshotVersion + 1, result.GetProperty("snapshotVersion").GetInt64());
        var after = await RepositoryProbe.TakeAsync(_server);
        Assert.Equal(1, after.Releases);
        Assert.Equal(before.Blobs + 1, after.Blobs);
        var served = await _http.GetByteArrayAsync($"/tuf/targets/acme/{FileHashes.Sha256Hex(package)}.acme.culture-platform-1.0.0.upkg", Ct);
        Assert.Equal(package, served);
    }

    [Fact]
    public async Task SecondPublishKeepsEarlierTargets()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync("acme", publication, _server.Repository.AcmeApiKey)).EnsureSuccessStatusCode();
        publication.ClearUploads();
        publication.Version = 2;
        await publication.AddPackageAsync("acme.culture-platform", "2.0.0");

        using var response = await PublishAsync("acme", publication, _server.Repository.AcmeApiKey);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var served = Metadata.FromBytes<TargetsMetadata>(await _http.GetByteArrayAsync("/tuf/metadata/2.acme.json", Ct));
        Assert.Equal(["acme/acme.culture-platform-1.0.0.upkg", "acme/acme.culture-platform-2.0.0.upkg"], served.Signed.Targets.Keys.Order());
        Assert.Equal(2, (await RepositoryProbe.TakeAsync(_server)).Releases);
    }

    public static TheoryData<string, HttpStatusCode, string> Refusals => new()
    {
        { "missing api key", HttpStatusCode.Unauthorized, ProblemTypes.InvalidApiKey },
        { "wrong api key", HttpStatusCode.Unauthorized, ProblemTypes.InvalidApiKey },
        { "other vendor's api key", HttpStatusCode.Forbidden, ProblemTypes.VendorMismatch },
        { "signed by the wrong key", HttpStatusCode.Forbidden, ProblemTypes.SignatureThresholdNotMet },
        { "signed by another vendor's key", HttpStatusCode.Forbidden, ProblemTypes.SignatureThresholdNotMet },
        { "path outside namespace", HttpStatusCode.Forbidden, ProblemTypes.PathOutsideNamespace },
        { "path in a subfolder", HttpStatusCode.Forbidden, ProblemTypes.PathOutsideNamespace },
        { "product outside namespace", HttpStatusCode.Forbidden, ProblemTypes.PathOutsideNamespace },
        { "one changed byte in the package", HttpStatusCode.UnprocessableEntity, ProblemTypes.PackageMismatch },
        { "package not sent", HttpStatusCode.UnprocessableEntity, ProblemTypes.PackageMissing },
        { "version skips ahead", HttpStatusCode.Conflict, ProblemTypes.MetadataVersionConflict },
        { "expired metadata", HttpStatusCode.UnprocessableEntity, ProblemTypes.MetadataExpired },
        { "malformed metadata json", HttpStatusCode.BadRequest, ProblemTypes.MalformedMetadata },
        { "facts disagree with manifest", HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid },
        { "malformed manifest json", HttpStatusCode.UnprocessableEntity, ProblemTypes.PackageInvalid },
        { "archive with parent traversal", HttpStatusCode.UnprocessableEntity, ProblemTypes.PackageInvalid },
        { "archive with absolute path", HttpStatusCode.UnprocessableEntity, ProblemTypes.PackageInvalid },
        { "not an archive", HttpStatusCode.UnprocessableEntity, ProblemTypes.PackageInvalid },
        { "unknown vendor route", HttpStatusCode.Forbidden, ProblemTypes.VendorMismatch },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusesAndChangesNothing(string scenario, HttpStatusCode status, string type)
    {
        var before = await RepositoryProbe.TakeAsync(_server);
        var (vendor, apiKey, content) = await RefusalScenarios.BuildAsync(scenario, _server);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/publish/{vendor}") { Content = content };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await _http.SendAsync(request, Ct);

        await ProblemAssert.IsProblemAsync(response, status, type);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(_server));
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/tuf/metadata/acme.json", Ct)).StatusCode);
        var spool = Path.Combine(_server.DataDirectory, "spool");
        Assert.True(!Directory.Exists(spool) || Directory.GetFiles(spool).Length == 0, "spooled uploads were left behind");
    }

    [Fact]
    public async Task RefusesChangingTheBytesOfAPublishedTarget()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync("acme", publication, _server.Repository.AcmeApiKey)).EnsureSuccessStatusCode();
        var before = await RepositoryProbe.TakeAsync(_server);
        publication.ClearUploads();
        publication.Version = 2;
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0", editSource: folder =>
            File.WriteAllText(Path.Combine(folder, "payload", "bin", "app.txt"), "different"));

        using var response = await PublishAsync("acme", publication, _server.Repository.AcmeApiKey);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, ProblemTypes.TargetImmutable);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(_server));
    }

    [Fact]
    public async Task RefusesReaddingARemovedPathWithOtherBytes()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync("acme", publication, _server.Repository.AcmeApiKey)).EnsureSuccessStatusCode();
        var removal = Acme();
        removal.Version = 2;
        await removal.AddPackageAsync("acme.culture-platform", "1.1.0");
        (await PublishAsync("acme", removal, _server.Repository.AcmeApiKey)).EnsureSuccessStatusCode();
        var readd = Acme();
        readd.Version = 3;
        await readd.AddPackageAsync("acme.culture-platform", "1.0.0", editSource: folder =>
            File.WriteAllText(Path.Combine(folder, "payload", "bin", "app.txt"), "other bytes"));

        using var response = await PublishAsync("acme", readd, _server.Repository.AcmeApiKey);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, ProblemTypes.TargetImmutable);
    }

    [Fact]
    public async Task AcceptsReaddingARemovedPathWithTheSameBytesWithoutAnUpload()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync("acme", publication, _server.Repository.AcmeApiKey)).EnsureSuccessStatusCode();
        var kept = publication.Targets.ToDictionary();
        var removal = Acme();
        removal.Version = 2;
        await removal.AddPackageAsync("acme.culture-platform", "1.1.0");
        (await PublishAsync("acme", removal, _server.Repository.AcmeApiKey)).EnsureSuccessStatusCode();
        var readd = Acme();
        readd.Version = 3;
        foreach (var (path, target) in kept)
        {
            readd.AddTarget(path, target);
        }

        using var response = await PublishAsync("acme", readd, _server.Repository.AcmeApiKey);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, (await RepositoryProbe.TakeAsync(_server)).Releases);
    }

    [Fact]
    public async Task RefusesChangingTheIdentityOfAPublishedTarget()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync("acme", publication, _server.Repository.AcmeApiKey)).EnsureSuccessStatusCode();
        var (path, target) = publication.Targets.Single();
        var renamed = Acme();
        renamed.Version = 2;
        var custom = (System.Text.Json.Nodes.JsonObject)target.Custom!.DeepClone();
        custom["version"] = "9.9.9";
        renamed.AddTarget(path, new TargetFile(target.Length, target.Hashes, custom));

        using var response = await PublishAsync("acme", renamed, _server.Repository.AcmeApiKey);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid);
    }

    [Fact]
    public async Task AllowsPromotingAPublishedTargetToAnotherChannel()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "2.0.0-beta.1", channel: "beta");
        (await PublishAsync("acme", publication, _server.Repository.AcmeApiKey)).EnsureSuccessStatusCode();
        var (path, target) = publication.Targets.Single();
        var promoted = Acme();
        promoted.Version = 2;
        var custom = (System.Text.Json.Nodes.JsonObject)target.Custom!.DeepClone();
        custom["channel"] = "stable";
        promoted.AddTarget(path, new TargetFile(target.Length, target.Hashes, custom));

        using var response = await PublishAsync("acme", promoted, _server.Repository.AcmeApiKey);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("uppercase")]
    [InlineData("path")]
    public async Task RefusesAMalformedSha256AsInvalidFacts(string form)
    {
        var publication = Acme();
        var package = await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        var (path, target) = publication.Targets.Single();
        var sha = form == "uppercase" ? FileHashes.Sha256Hex(package).ToUpperInvariant() : "../../etc/passwd";
        publication.AddTarget(path, new TargetFile(target.Length, new Dictionary<string, string> { ["sha256"] = sha }, target.Custom));

        using var response = await PublishAsync("acme", publication, _server.Repository.AcmeApiKey);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid);
    }

    [Fact]
    public async Task RefusesAPackageDeclaringMoreUnpackedBytesThanAllowed()
    {
        await using var limited = new UpdateServerFactory(new Dictionary<string, string> { ["Repository:MaxUnpackedBytes"] = "1000" });
        using var http = new HttpClient { BaseAddress = limited.BaseAddress };
        var publication = new Publication("acme", limited.Repository.AcmeKey, limited.Clock.GetUtcNow());
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/publish/acme") { Content = publication.Content() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", limited.Repository.AcmeApiKey);

        using var response = await http.SendAsync(request, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
    }

    [Fact]
    public async Task RefusesReplayOfTheSameMetadataVersion()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync("acme", publication, _server.Repository.AcmeApiKey)).EnsureSuccessStatusCode();

        using var response = await PublishAsync("acme", publication, _server.Repository.AcmeApiKey);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, ProblemTypes.MetadataVersionConflict);
    }

    [Fact]
    public async Task RefusesUploadLargerThanTheLimit()
    {
        await using var limited = new UpdateServerFactory(new Dictionary<string, string> { ["Repository:MaxPackageBytes"] = "100" });
        using var http = new HttpClient { BaseAddress = limited.BaseAddress };
        var publication = new Publication("acme", limited.Repository.AcmeKey, limited.Clock.GetUtcNow());
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/publish/acme") { Content = publication.Content() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", limited.Repository.AcmeApiKey);

        using var response = await http.SendAsync(request, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
        Assert.Empty(Directory.GetFiles(Path.Combine(limited.DataDirectory, "spool")));
    }

    private Publication Acme() => new("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());

    private async Task<HttpResponseMessage> PublishAsync(string vendor, Publication publication, string apiKey, SigningKey? signer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/publish/{vendor}")
        {
            Content = publication.Content(publication.SignedMetadata(signer)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return await _http.SendAsync(request, Ct);
    }
}
