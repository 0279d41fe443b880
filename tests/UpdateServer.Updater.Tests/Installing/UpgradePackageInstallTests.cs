using System.Text.Json.Nodes;
using NuGet.Versioning;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;
using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Installing;

namespace UpdateServer.Updater.Tests.Installing;

public sealed class UpgradePackageInstallTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task InstallsAnUpgradeIntoTheUpgradedProductsVersionFolder()
    {
        var layout = new InstallLayout(Path.Combine(_folder.Path, "install"));
        var installer = new TestInstaller(layout, new HookRunner(TimeSpan.FromSeconds(30)));
        var base1 = await HookedPackage.BuildAsync(_folder.Path, "acme.a", "1.0.0", hooks: null, Ct);
        await installer.InstallAsync(new ReleaseFacts { Product = "acme.a", Version = StrictVersion.Parse("1.0.0"), Kind = ProductKinds.Platform }, base1, Ct);
        var upgrade = await HookedPackage.BuildAsync(_folder.Path, "acme.a-upgrade", "1.0.0", new Dictionary<string, int> { ["postInstall"] = 0 }, Ct,
            kind: ProductKinds.Upgrade,
            applicability: new JsonObject { ["upgrades"] = new JsonObject { ["product"] = "acme.a", ["from"] = "[1.0.0,2.0.0)", ["to"] = "2.0.0" } },
            extraScript: "env | grep '^UPDATER_' | sort > \"$UPDATER_INSTALL_ROOT/upgrade.env\"");
        var facts = new ReleaseFacts
        {
            Product = "acme.a-upgrade",
            Version = StrictVersion.Parse("1.0.0"),
            Kind = ProductKinds.Upgrade,
            Upgrades = new UpgradeSpec("acme.a", VersionRange.Parse("[1.0.0,2.0.0)"), NuGetVersion.Parse("2.0.0")),
        };

        var ran = await installer.InstallAsync(facts, upgrade, Ct);

        Assert.Equal([HookPhase.PostInstall], ran.Select(h => h.Phase));
        Assert.Equal("2.0.0", CurrentLink.Read(layout.ProductDirectory("acme.a")));
        Assert.Equal("acme.a-upgrade 1.0.0", await File.ReadAllTextAsync(Path.Combine(layout.VersionDirectory("acme.a", "2.0.0"), "app.txt"), Ct));
        Assert.True(File.Exists(Path.Combine(layout.PackageDirectory("acme.a", "2.0.0"), "manifest.json")));
        Assert.True(Directory.Exists(layout.VersionDirectory("acme.a", "1.0.0")));
        Assert.False(Path.Exists(layout.ProductDirectory("acme.a-upgrade")));
        Assert.Equal(
            [
                "UPDATER_FROM_VERSION=1.0.0",
                "UPDATER_INSTALLS_PRODUCT=acme.a",
                "UPDATER_INSTALLS_VERSION=2.0.0",
                $"UPDATER_INSTALL_ROOT={layout.InstallRoot}",
                $"UPDATER_PACKAGE_DIR={layout.PackageDirectory("acme.a", "2.0.0")}",
                "UPDATER_PHASE=post-install",
                "UPDATER_PRODUCT=acme.a-upgrade",
                "UPDATER_VERSION=1.0.0",
                $"UPDATER_VERSION_DIR={layout.VersionDirectory("acme.a", "2.0.0")}",
            ],
            await File.ReadAllLinesAsync(Path.Combine(layout.InstallRoot, "upgrade.env"), Ct));
    }

    [Fact]
    public async Task RefusesAnUpgradePackageSignedForAnotherTarget()
    {
        var layout = new InstallLayout(Path.Combine(_folder.Path, "install"));
        var upgrade = await HookedPackage.BuildAsync(_folder.Path, "acme.a-upgrade", "1.0.0", hooks: null, Ct,
            kind: ProductKinds.Upgrade,
            applicability: new JsonObject { ["upgrades"] = new JsonObject { ["product"] = "acme.a", ["from"] = "[1.0.0,2.0.0)", ["to"] = "2.0.0" } });
        var facts = new ReleaseFacts
        {
            Product = "acme.a-upgrade",
            Version = StrictVersion.Parse("1.0.0"),
            Kind = ProductKinds.Upgrade,
            Upgrades = new UpgradeSpec("acme.a", VersionRange.Parse("[1.0.0,2.0.0)"), NuGetVersion.Parse("3.0.0")),
        };

        var error = await Assert.ThrowsAsync<PackageFactsMismatchException>(() =>
            new TestInstaller(layout, new HookRunner(TimeSpan.FromSeconds(30))).InstallAsync(facts, upgrade, Ct));

        Assert.Contains("upgrades", error.Message, StringComparison.Ordinal);
        Assert.False(Path.Exists(layout.VersionDirectory("acme.a", "3.0.0")));
        Assert.False(Path.Exists(layout.VersionDirectory("acme.a", "2.0.0")));
    }
}
