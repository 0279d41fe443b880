using System.Net;
using NuGet.Versioning;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Publishing;

/// <summary>
/// Facts that reach into another vendor's products. Requiring them is how products depend on each other and is
/// allowed; moving or replacing them would let one vendor's key change what another vendor's machines install.
/// </summary>
public sealed class CrossVendorFactsTests : CatalogTestBase
{
    [Fact]
    public async Task AllowsRequiringAnotherVendorsProduct()
    {
        await PublishGlobexPlatformAsync();
        await PublishReleasesAsync(Facts("acme.plugin", "1.0.0") with { Requires = [new Requirement("globex.platform", VersionRange.Parse("[2.0.0,)"))] });

        var plan = await CheckAsync(Machine(new InstalledProduct("acme.plugin", null)));

        Assert.Equal(["globex.platform", "acme.plugin"], plan.Steps.Select(s => s.Product));
        Assert.StartsWith("required by acme.plugin", plan.Steps[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAnUpgradePackageThatMovesAnotherVendorsProduct()
    {
        await PublishGlobexPlatformAsync();
        var before = await RepositoryProbe.TakeAsync(Server);
        var acme = Acme();
        await acme.AddSignedReleaseAsync(Facts("acme.takeover", "2.0.0", ProductKinds.Upgrade) with
        {
            Upgrades = new UpgradeSpec("globex.platform", VersionRange.Parse("[1.0.0,2.0.0)"), StrictVersion.Parse("2.0.0")),
        });

        using var response = await PublishAsync(acme);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid);
        Assert.Contains("upgrades.product \"globex.platform\" is another vendor's product", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(Server));
        Assert.DoesNotContain((await CheckAsync(Machine(new InstalledProduct("globex.platform", "1.4.0")))).Steps, s => s.Product == "acme.takeover");
    }

    [Fact]
    public async Task RefusesSupersedingAnotherVendorsProduct()
    {
        var acme = Acme();
        await acme.AddSignedReleaseAsync(Facts("acme.tool", "1.0.0") with { Supersedes = ["globex.platform"] });

        var before = await RepositoryProbe.TakeAsync(Server);

        using var response = await PublishAsync(acme);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid);
        Assert.Contains("supersedes \"globex.platform\" is another vendor's product", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(Server));
    }

    /// <summary>globex publishes globex.platform 2.3.0, installable over 2.x only.</summary>
    private async Task PublishGlobexPlatformAsync()
    {
        var globex = new Publication("globex", Server.Repository.GlobexKey, Server.Clock.GetUtcNow());
        await globex.AddSignedReleaseAsync(Facts("globex.platform", "2.3.0") with { InstallableFrom = VersionRange.Parse("[2.0.0,)") });
        using var response = await PublishAsync(globex, "globex", Server.Repository.GlobexApiKey);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
