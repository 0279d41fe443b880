using NuGet.Versioning;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;
using UpdateServer.Server.Tests.Support;

namespace UpdateServer.Server.Tests.Catalog;

/// <summary>
/// The check API's install plan through HTTP, from releases published with signed facts: what the server adds to the
/// planner (request mapping, catalog index, statuses). The planner's own rules are table-tested in the Packaging tests.
/// </summary>
public sealed class PlanApiTests : CatalogTestBase
{
    private const string Driver = "acme.nic-driver";
    private const string IntelModalias = "pci:v00008086d00001533sv00008086sd00000001bc02sc00i00";

    [Theory]
    [InlineData(IntelModalias, true)]
    [InlineData(@"PCI\VEN_8086&DEV_1533", true)]
    [InlineData(@"pci\ven_8086&dev_1533", true)]
    [InlineData(@"PCI\VEN_8086&DEV_1533&SUBSYS_00011849&REV_03", false)]
    [InlineData("pci:v000010ECd00008168sv00001043sd00008554bc02sc00i00", false)]
    [InlineData("usb:v046Dp0825d0010dc00dsc00dp00icFFiscFFipFFin00", false)]
    public async Task PlansADriverOnlyForAMachineReportingAMatchingHardwareId(string reported, bool planned)
    {
        await PublishReleasesAsync(
            Facts(Platform, "1.0.0"),
            Facts(Driver, "1.0.0", ProductKinds.Driver) with
            {
                HardwareIds = [Pattern("pci:v00008086d00001533*"), Pattern(@"PCI\VEN_8086&DEV_1533")],
            });

        var response = await CheckAsync(Machine(new InstalledProduct(Platform, "1.0.0")) with { HardwareIds = [reported] });

        if (planned)
        {
            var step = Assert.Single(response.Steps);
            Assert.Equal((Driver, "1.0.0", ProductKinds.Driver, Driver, null, "1.0.0"),
                (step.Product, step.Version, step.Kind, step.InstallsProduct, step.FromVersion, step.ToVersion));
            Assert.Contains("matches hardware", step.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(response.Steps);
            Assert.Empty(response.Unsatisfied);
        }

        Assert.Equal("up-to-date", Assert.Single(response.Products).Status);
    }

    [Fact]
    public async Task PlansNoDriverForAMachineReportingNoHardware()
    {
        await PublishReleasesAsync(
            Facts(Platform, "1.0.0"),
            Facts(Driver, "1.0.0", ProductKinds.Driver) with { HardwareIds = [Pattern("pci:v00008086d00001533*")] });

        var response = await CheckAsync(Machine(new InstalledProduct(Platform, null)));

        Assert.Equal([Platform], response.Steps.Select(s => s.Product));
        Assert.Empty(response.Unsatisfied);
    }

    [Fact]
    public async Task WalksAnUpgradePackageToReachAReleaseThatNeedsANewerBase()
    {
        await PublishReleasesAsync(
            Facts(Platform, "1.4.0"),
            Facts("acme.culture-platform-upgrade", "2.0.0", ProductKinds.Upgrade) with
            {
                Upgrades = new UpgradeSpec(Platform, VersionRange.Parse("[1.0.0,2.0.0)"), StrictVersion.Parse("2.0.0")),
            },
            Facts(Platform, "2.3.0") with { InstallableFrom = VersionRange.Parse("[2.0.0,)") });

        var response = await CheckAsync(Machine(new InstalledProduct(Platform, "1.4.0")));

        Assert.Collection(response.Steps,
            upgrade =>
            {
                Assert.Equal(("acme.culture-platform-upgrade", "2.0.0", ProductKinds.Upgrade), (upgrade.Product, upgrade.Version, upgrade.Kind));
                Assert.Equal((Platform, "1.4.0", "2.0.0"), (upgrade.InstallsProduct, upgrade.FromVersion, upgrade.ToVersion));
                Assert.Equal("acme/acme.culture-platform-upgrade-2.0.0.upkg", upgrade.TargetPath);
                Assert.Contains("upgrade path", upgrade.Reason, StringComparison.Ordinal);
            },
            release =>
            {
                Assert.Equal((Platform, "2.3.0", ProductKinds.Platform), (release.Product, release.Version, release.Kind));
                Assert.Equal((Platform, "2.0.0", "2.3.0"), (release.InstallsProduct, release.FromVersion, release.ToVersion));
            });
        Assert.Equal("update-available", Assert.Single(response.Products).Status);
    }

    [Fact]
    public async Task HoldsAReleaseOutsideThePinWithTheReason()
    {
        await PublishReleasesAsync(Facts(Platform, "1.0.0"), Facts(Platform, "1.5.0"), Facts(Platform, "2.0.0"));

        var response = await CheckAsync(Machine(new InstalledProduct(Platform, "1.0.0", Pin: "[1.0.0,2.0.0)")));

        Assert.Equal("1.5.0", Assert.Single(response.Steps).ToVersion);
        var held = Assert.Single(response.Held);
        Assert.Equal((Platform, "2.0.0"), (held.Product, held.Version));
        Assert.Contains("pinned", held.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13.4", "1.0.0")]
    [InlineData("15.2", "2.0.0")]
    public async Task PlansAReleaseOnlyWhenTheReportedComponentMeetsItsRequirement(string componentVersion, string expectedVersion)
    {
        await PublishReleasesAsync(
            Facts(Platform, "1.0.0"),
            Facts(Platform, "2.0.0") with { Requires = [new Requirement("postgres.server", VersionRange.Parse("[15.0,)"))] });

        var response = await CheckAsync(Machine(new InstalledProduct(Platform, null)) with
        {
            Components = [new ComponentVersion("postgres.server", componentVersion)],
        });

        Assert.Equal(expectedVersion, Assert.Single(response.Steps).ToVersion);
        if (expectedVersion == "1.0.0")
        {
            var held = Assert.Single(response.Held);
            Assert.Equal("2.0.0", held.Version);
            Assert.StartsWith("requires postgres.server", held.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ListsAProductNoPlanCanBringAsUnsatisfiedWithTheReason()
    {
        await PublishReleasesAsync(Facts(Platform, "1.0.0") with { Requires = [new Requirement("acme.runtime", VersionRange.Parse("[2.0.0,)"))] });

        var response = await CheckAsync(Machine(new InstalledProduct(Platform, null), new InstalledProduct("acme.unknown", null)));

        Assert.Empty(response.Steps);
        Assert.Equal([Platform, "acme.unknown"], response.Unsatisfied.Select(u => u.Product));
        Assert.Contains("acme.runtime", response.Unsatisfied[0].Reason, StringComparison.Ordinal);
        Assert.Contains("no release", response.Unsatisfied[1].Reason, StringComparison.Ordinal);
        Assert.Equal(["no-applicable-release", "unknown-product"], response.Products.Select(p => p.Status));
        Assert.Equal(response.Unsatisfied[0].Reason, response.Products[0].Reason);
    }

    [Theory]
    [InlineData(ReleaseStates.Stable, false, "1.1.0")]
    [InlineData(ReleaseStates.Testing, false, "1.0.0")]
    [InlineData(ReleaseStates.Testing, true, "1.1.0")]
    [InlineData(ReleaseStates.Yanked, false, "1.0.0")]
    [InlineData(ReleaseStates.Yanked, true, "1.0.0")]
    [InlineData(ReleaseStates.Draft, false, "1.0.0")]
    [InlineData(ReleaseStates.Draft, true, "1.0.0")]
    public async Task OffersAReleaseByItsLifecycleState(string state, bool testRing, string expectedVersion)
    {
        await PublishReleasesAsync(Facts(Platform, "1.0.0"), Facts(Platform, "1.1.0", state: state));

        var response = await CheckAsync(Machine(new InstalledProduct(Platform, null)) with { TestRing = testRing });

        Assert.Equal(expectedVersion, Assert.Single(response.Steps).Version);
        if (expectedVersion == "1.0.0")
        {
            var held = Assert.Single(response.Held);
            Assert.Equal("1.1.0", held.Version);
            Assert.StartsWith(state, held.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ReleaseStates.Draft)]
    [InlineData(ReleaseStates.Yanked)]
    public async Task NeverOffersAProductWhoseOnlyReleaseIsNotInstallable(string state)
    {
        await PublishReleasesAsync(Facts(Platform, "1.0.0", state: state));

        var response = await CheckAsync(Machine(new InstalledProduct(Platform, null)) with { TestRing = true });

        Assert.Empty(response.Steps);
        var unsatisfied = Assert.Single(response.Unsatisfied);
        Assert.Contains(state, unsatisfied.Reason, StringComparison.Ordinal);
        Assert.Equal("no-applicable-release", Assert.Single(response.Products).Status);
    }

    [Fact]
    public async Task PlansTheUpdaterItselfLastWhateverTheOrderOfTheRequest()
    {
        await PublishReleasesAsync(Facts("acme.updater", "1.1.0"), Facts(Platform, "2.0.0"));

        var response = await CheckAsync(Machine(new InstalledProduct("acme.updater", "1.0.0"), new InstalledProduct(Platform, "1.0.0")) with
        {
            UpdaterProduct = "acme.updater",
        });

        Assert.Equal([Platform, "acme.updater"], response.Steps.Select(s => s.Product));
    }

    [Fact]
    public async Task AnswersWithTheSnapshotVersionThePlanWasMadeFrom()
    {
        var before = await CheckAsync(Machine(new InstalledProduct(Platform, null)));
        await PublishReleasesAsync(Facts(Platform, "1.0.0"));

        var after = await CheckAsync(Machine(new InstalledProduct(Platform, null)));

        Assert.Equal(before.SnapshotVersion + 1, after.SnapshotVersion);
        Assert.Single(after.Steps);
    }
}
