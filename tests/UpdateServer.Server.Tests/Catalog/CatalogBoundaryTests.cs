using System.Net;
using NuGet.Versioning;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Catalog;

/// <summary>
/// Where one vendor's release stops and a machine's choice begins: drivers only from the vendors a machine takes,
/// pins for products it does not list, one path per release, published applicability fixed, components never shipped.
/// </summary>
public sealed class CatalogBoundaryTests : CatalogTestBase
{
    private const string Nic = "pci:v00008086d00001533sv00008086sd00000001bc02sc00i00";

    [Fact]
    public async Task PlansNoDriverFromAVendorTheMachineDoesNotTake()
    {
        await PublishReleasesAsync(Facts(Platform, "1.0.0"));
        var globex = new Publication("globex", Server.Repository.GlobexKey, Server.Clock.GetUtcNow());
        await globex.AddSignedReleaseAsync(Facts("globex.nic", "1.0.0", ProductKinds.Driver) with { HardwareIds = [Pattern(Nic)] });
        (await PublishAsync(globex, "globex", Server.Repository.GlobexApiKey)).EnsureSuccessStatusCode();

        var acmeOnly = await CheckAsync(Machine(new InstalledProduct(Platform, "1.0.0")) with { HardwareIds = [Nic] });
        var takingGlobex = await CheckAsync(Machine(new InstalledProduct(Platform, "1.0.0")) with { HardwareIds = [Nic], DriverVendors = ["acme", "globex"] });

        Assert.Empty(acmeOnly.Steps);
        Assert.Equal("globex.nic", Assert.Single(takingGlobex.Steps).Product);
    }

    [Fact]
    public async Task HonoursAPinOnAProductTheMachineDoesNotList()
    {
        await PublishReleasesAsync(
            Facts("acme.lib", "1.5.0"), Facts("acme.lib", "2.0.0"),
            Facts(Platform, "2.0.0") with { Requires = [new Requirement("acme.lib", VersionRange.Parse("[1.0.0,)"))] });

        var plan = await CheckAsync(Machine(new InstalledProduct(Platform, "1.0.0")) with
        {
            Pins = new Dictionary<string, string> { ["acme.lib"] = "[1.0.0,2.0.0)" },
        });

        Assert.Equal(["acme.lib 1.5.0", $"{Platform} 2.0.0"], plan.Steps.Select(s => $"{s.Product} {s.Version}"));
    }

    [Theory]
    [InlineData("""{"pins": {"acme.lib": "not a range"}}""", "pins.acme.lib")]
    [InlineData("""{"pins": {"Not An Id": "[1.0.0,)"}}""", "pins.Not An Id")]
    [InlineData("""{"driverVendors": ["Acme!"]}""", "driverVendors")]
    [InlineData("""{"driverVendors": ["2026"]}""", "driverVendors")]
    public async Task RefusesMalformedPinsAndDriverVendors(string extra, string field)
    {
        var body = $$"""{"deviceId":"m1","os":"linux","arch":"x64","products":[{"id":"{{Platform}}"}],{{extra[1..^1]}}}""";

        using var response = await PostCheckAsync(body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task RefusesAReleaseUnderAPathThatIsNotItsOwn()
    {
        var first = await PublishReleasesAsync(Facts(Platform, "1.0.0"));
        var before = await SnapshotAsync();
        var copy = Acme();
        copy.Version = 2;
        copy.AddExisting(first.Targets);
        var bytes = await ReleasePackage.BuildAsync(Facts(Platform, "1.0.0"));
        copy.AddRawPackage("acme/another-name.upkg", Platform, "1.0.0", bytes);
        copy.AddTarget("acme/another-name.upkg", new Packaging.Trust.TargetFile(bytes.Length,
            new Dictionary<string, string> { ["sha256"] = Packaging.Trust.FileHashes.Sha256Hex(bytes) }, Facts(Platform, "1.0.0").ToCustom()));

        using var response = await PublishAsync(copy);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid);
        Assert.Contains($"a release is published as acme/{Platform}-1.0.0.upkg", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task RefusesChangingThePublishedApplicabilityOfARelease()
    {
        var first = await PublishReleasesAsync(Facts(Platform, "1.0.0"));
        var before = await SnapshotAsync();
        var path = $"acme/{Platform}-1.0.0.upkg";
        var resigned = Acme();
        resigned.Version = 2;
        resigned.Relist(path, first.Targets[path], custom => custom["requires"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["product"] = "acme.lib", ["versions"] = "[1.0.0, )" }));

        using var response = await PublishAsync(resigned);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid);
        Assert.Contains("requires [] vs now [acme.lib (>= 1.0.0)]", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task RefusesShippingAComponent()
    {
        var first = await PublishReleasesAsync(Facts(Platform, "1.0.0"));
        var before = await SnapshotAsync();
        var publication = Acme();
        publication.Version = 2;
        publication.AddExisting(first.Targets);
        await publication.AddSignedReleaseAsync(Facts("acme.database", "15.4.0", ProductKinds.Component));

        using var response = await PublishAsync(publication);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid);
        Assert.Contains("kind component", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task PagesTheReleaseHistory()
    {
        await PublishReleasesAsync([.. Enumerable.Range(0, 7).Select(i => Facts(Platform, $"1.{i}.0"))]);

        using var response = await Http.GetAsync($"/api/v1/products/{Platform}/releases?skip=2&take=3", Ct);
        using var invalid = await Http.GetAsync($"/api/v1/products/{Platform}/releases?take=0", Ct);

        response.EnsureSuccessStatusCode();
        Assert.Equal("7", Assert.Single(response.Headers.GetValues("X-Total-Count")));
        var page = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(["1.4.0", "1.3.0", "1.2.0"], page.EnumerateArray().Select(r => r.GetProperty("version").GetString()));
        await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
    }
}
