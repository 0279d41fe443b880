using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Testing;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Publish;

/// <summary>
/// <c>upkg publish</c> against the real server on Kestrel: the lifecycle state and the manifest's applicability it
/// signs are what the server stores, shows in the release history and plans from.
/// </summary>
public sealed class PublishToServerTests : IAsyncLifetime
{
    private readonly UpdateServerFactory _server = new();
    private readonly TempFolder _folder = new();
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        File.WriteAllText(_folder["acme.key"], _server.Repository.AcmeKey.ToPem());
        File.WriteAllText(_folder["acme-api-key.txt"], _server.Repository.AcmeApiKey);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task SignsTheTestingStateThatTheServerOffersToTheTestRingOnly()
    {
        var package = await PackageSourceFolder.PackAsync(_folder, "app", PackageSourceFolder.Template("acme.culture-platform", "1.0.0"));

        var result = await PublishAsync(package, "--state", "testing");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var (_, target) = Assert.Single(await ServedTargetsAsync());
        Assert.Equal(ReleaseStates.Testing, ReleaseFacts.FromCustom(target.Custom).State);
        Assert.Equal("testing", target.Custom!["state"]!.GetValue<string>());
        var release = Assert.Single((await HistoryAsync("acme.culture-platform")).EnumerateArray());
        Assert.Equal(ReleaseStates.Testing, release.GetProperty("state").GetString());
        var published = Assert.Single(release.GetProperty("events").EnumerateArray());
        Assert.Equal(("published", "testing", "acme"),
            (published.GetProperty("event").GetString(), published.GetProperty("toState").GetString(), published.GetProperty("actor").GetString()));
        Assert.Empty((await CheckAsync("acme.culture-platform", testRing: false)).Steps);
        Assert.Equal("1.0.0", Assert.Single((await CheckAsync("acme.culture-platform", testRing: true)).Steps).Version);
    }

    [Fact]
    public async Task SignsStableWhenNoStateIsGiven()
    {
        var package = await PackageSourceFolder.PackAsync(_folder, "app", PackageSourceFolder.Template("acme.culture-platform", "1.0.0"));

        var result = await PublishAsync(package);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(ReleaseStates.Stable, ReleaseFacts.FromCustom(Assert.Single(await ServedTargetsAsync()).Value.Custom).State);
        Assert.Single((await CheckAsync("acme.culture-platform", testRing: false)).Steps);
    }

    [Fact]
    public async Task SignsADraftThatTheServerOffersToNobody()
    {
        var package = await PackageSourceFolder.PackAsync(_folder, "app", PackageSourceFolder.Template("acme.culture-platform", "1.0.0"));

        var result = await PublishAsync(package, "--state", "draft");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(ReleaseStates.Draft, ReleaseFacts.FromCustom(Assert.Single(await ServedTargetsAsync()).Value.Custom).State);
        var plan = await CheckAsync("acme.culture-platform", testRing: true);
        Assert.Empty(plan.Steps);
        Assert.Contains("draft", Assert.Single(plan.Unsatisfied).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishesADriverWhoseSignedFactsAreItsManifestApplicability()
    {
        const string Applicability = """
            {"hardwareIds": ["pci:v00008086d00001533*"], "requires": [{"product": "acme.culture-platform", "versions": "[1.0.0,)"}]}
            """;
        var platform = await PackageSourceFolder.PackAsync(_folder, "platform", PackageSourceFolder.Template("acme.culture-platform", "1.0.0"));
        var driver = await PackageSourceFolder.PackAsync(_folder, "driver", PackageSourceFolder.Template("acme.nic-driver", "1.0.0", "driver", Applicability));

        var result = await PublishAsync(platform, driver);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var facts = ReleaseFacts.FromCustom((await ServedTargetsAsync())["acme/acme.nic-driver-1.0.0.upkg"].Custom);
        Assert.Equal(["pci:v00008086d00001533*"], facts.HardwareIds.Select(h => h.Text));
        var plan = await CheckAsync("acme.culture-platform", testRing: false, hardwareIds: ["pci:v00008086d00001533sv00008086sd00000001bc02sc00i00"]);
        Assert.Equal(["acme.culture-platform", "acme.nic-driver"], plan.Steps.Select(s => s.Product));
    }

    [Theory]
    [InlineData("yanked")]
    [InlineData("released")]
    [InlineData("Stable")]
    public async Task RefusesAStartingStateOtherThanDraftTestingOrStableAndSendsNothing(string state)
    {
        var package = await PackageSourceFolder.PackAsync(_folder, "app", PackageSourceFolder.Template("acme.culture-platform", "1.0.0"));
        var before = await RepositoryProbe.TakeAsync(_server);

        var result = await PublishAsync(package, "--state", state);

        var line = result.SingleErrorLine(expectedExitCode: 2);
        Assert.Contains($"'{state}'", line, StringComparison.Ordinal);
        Assert.Contains("'testing'", line, StringComparison.Ordinal);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(_server));
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/tuf/metadata/acme.json", Ct)).StatusCode);
    }

    private Task<CliResult> PublishAsync(params string[] packagesAndOptions) => UpkgHarness.RunAsync(handler: null, variables: null, [
        "publish", .. packagesAndOptions,
        "--server", _server.BaseAddress.ToString(),
        "--vendor", "acme",
        "--key", _folder["acme.key"],
        "--api-key-file", _folder["acme-api-key.txt"]]);

    /// <summary>The targets of the vendor metadata the server serves now, after checking the vendor's signature on it.</summary>
    private async Task<IReadOnlyDictionary<string, TargetFile>> ServedTargetsAsync()
    {
        var metadata = Metadata.FromBytes<TargetsMetadata>(await _http.GetByteArrayAsync("/tuf/metadata/acme.json", Ct));
        var key = _server.Repository.AcmeKey.PublicKey;
        metadata.VerifySignedBy("acme", new Dictionary<string, TufKey> { [key.KeyId] = key }, new RoleKeys([key.KeyId], 1));
        return metadata.Signed.Targets;
    }

    private async Task<JsonElement> HistoryAsync(string product) =>
        await _http.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product}/releases", Ct);

    private async Task<CheckResponse> CheckAsync(string product, bool testRing, IReadOnlyList<string>? hardwareIds = null)
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/check", new CheckRequest
        {
            DeviceId = "machine-01",
            Os = "linux",
            Arch = "x64",
            TestRing = testRing,
            Products = [new InstalledProduct(product, null)],
            HardwareIds = hardwareIds,
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CheckResponse>(Ct))!;
    }
}
