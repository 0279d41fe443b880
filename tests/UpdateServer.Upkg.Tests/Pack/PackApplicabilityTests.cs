using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Pack;

/// <summary>
/// <c>upkg pack</c> and the manifest's <c>applicability</c>: facts that could never be signed (a bad range, a bad
/// hardware ID, an upgrade without its path) are refused at pack time with one line naming the fact, and no package.
/// </summary>
public sealed class PackApplicabilityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Output => _folder["out/app.upkg"];

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "platform", """{"requires": [{"product": "acme.runtime", "versions": "[2.0,1.0)"}]}""", "requires" },
        { "platform", """{"requires": [{"product": "acme.runtime", "versions": "abc"}]}""", "requires" },
        { "platform", """{"requires": [{"product": "acme.runtime"}]}""", "requires" },
        { "platform", """{"requires": "acme.runtime >= 2.0"}""", "requires" },
        { "platform", """{"installableFrom": "not-a-range"}""", "installableFrom" },
        { "platform", """{"installableFrom": "[2.0.0,1.0.0]"}""", "installableFrom" },
        { "driver", """{"hardwareIds": ["not a hardware id"]}""", "hardwareIds" },
        { "driver", """{"hardwareIds": ["PCI\\VEN_8086 DEV_1533"]}""", "hardwareIds" },
        { "driver", """{"hardwareIds": ["pci:v00008086d00001533\n"]}""", "hardwareIds" },
        { "driver", """{"hardwareIds": "pci:v00008086d00001533*"}""", "hardwareIds" },
        { "upgrade", """{"os": ["linux"]}""", "upgrades" },
        { "upgrade", """{"upgrades": {"product": "acme.culture-platform", "from": "[1.0,2.0)"}}""", "upgrades.to" },
        { "upgrade", """{"upgrades": {"product": "acme.culture-platform", "from": "1.x", "to": "2.0.0"}}""", "upgrades.from" },
        { "platform", """{"upgrades": {"product": "acme.culture-platform", "from": "[1.0,2.0)", "to": "2.0.0"}}""", "upgrades" },
        { "platform", """{"supersedes": ["Old Platform"]}""", "supersedes" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusesApplicabilityThatCouldNeverBeSignedAndLeavesNothing(string kind, string applicability, string fact)
    {
        var source = PackageSourceFolder.Create(_folder["src"], PackageSourceFolder.Template("acme.app", "2.0.0", kind, applicability));

        var result = await UpkgHarness.RunAsync("pack", source, "--out", Output);

        var line = result.SingleErrorLine();
        Assert.Contains(fact, line, StringComparison.Ordinal);
        Assert.True(!Directory.Exists(_folder["out"]) || Directory.GetFileSystemEntries(_folder["out"]).Length == 0,
            "pack left files behind: " + string.Join(", ", Directory.GetFileSystemEntries(_folder["out"])));
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task KeepsAnEarlierPackageWhenTheNewSourceIsRefused()
    {
        var good = PackageSourceFolder.Create(_folder["good"], PackageSourceFolder.Template("acme.app", "1.0.0"));
        Assert.Equal(0, (await UpkgHarness.RunAsync("pack", good, "--out", Output)).ExitCode);
        var earlier = await File.ReadAllBytesAsync(Output, TestContext.Current.CancellationToken);
        var bad = PackageSourceFolder.Create(_folder["bad"], PackageSourceFolder.Template("acme.app", "1.1.0", "platform",
            """{"installableFrom": "not-a-range"}"""));

        var result = await UpkgHarness.RunAsync("pack", bad, "--out", Output);

        Assert.Contains("installableFrom", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Equal(earlier, await File.ReadAllBytesAsync(Output, TestContext.Current.CancellationToken));
        Assert.Equal([Output], Directory.GetFileSystemEntries(_folder["out"]));
    }

    [Fact]
    public async Task PacksADriverWithHardwareIdsAndRequirements()
    {
        const string Applicability = """
            {"os": ["linux"], "arch": ["x64"],
             "hardwareIds": ["pci:v00008086d00001533*", "PCI\\VEN_8086&DEV_1533"],
             "requires": [{"product": "acme.culture-platform", "versions": "[2.1.0,)"}],
             "supersedes": ["acme.old-nic-driver"]}
            """;
        var source = PackageSourceFolder.Create(_folder["src"], PackageSourceFolder.Template("acme.nic-driver", "1.0.0", "driver", Applicability));

        var result = await UpkgHarness.RunAsync("pack", source, "--out", Output);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        await using var package = File.OpenRead(Output);
        var facts = ReleaseFacts.FromManifest(await PackageReader.VerifyAsync(package, TestContext.Current.CancellationToken));
        Assert.Equal(ProductKinds.Driver, facts.Kind);
        Assert.Equal(["pci:v00008086d00001533*", @"PCI\VEN_8086&DEV_1533"], facts.HardwareIds.Select(h => h.Text));
        Assert.Equal("acme.culture-platform", Assert.Single(facts.Requires).Product);
        Assert.Equal(["acme.old-nic-driver"], facts.Supersedes);
    }

    [Fact]
    public async Task PacksAnUpgradePackageWithItsPath()
    {
        var source = PackageSourceFolder.Create(_folder["src"], PackageSourceFolder.Template("acme.culture-platform-upgrade", "2.0.0", "upgrade",
            """{"upgrades": {"product": "acme.culture-platform", "from": "[1.0.0,2.0.0)", "to": "2.0.0"}}"""));

        var result = await UpkgHarness.RunAsync("pack", source, "--out", Output);

        Assert.Equal(0, result.ExitCode);
        await using var package = File.OpenRead(Output);
        var upgrade = ReleaseFacts.FromManifest(await PackageReader.VerifyAsync(package, TestContext.Current.CancellationToken)).Upgrades!;
        Assert.Equal(("acme.culture-platform", "2.0.0"), (upgrade.Product, upgrade.To.ToFullString()));
        Assert.True(upgrade.From.Satisfies(NuGet.Versioning.NuGetVersion.Parse("1.4.0")));
    }
}
