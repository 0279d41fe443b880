using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;
using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Installing;

namespace UpdateServer.Updater.Tests.Installing;

public sealed class PackageInstallerHookTests : IDisposable
{
    private const string Product = "acme.a";

    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private InstallLayout Layout => new(Path.Combine(_folder.Path, "install"));

    private string ProductDirectory => Layout.ProductDirectory(Product);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunsPreInstallAndInstallBeforeTheSwitchAndPostInstallAndHealthCheckAfter()
    {
        await InstallAsync("1.0.0", hooks: null);
        var all = new Dictionary<string, int> { ["preInstall"] = 0, ["install"] = 0, ["postInstall"] = 0, ["healthCheck"] = 0, ["rollback"] = 0 };

        var ran = await InstallAsync("2.0.0", all);

        Assert.Equal([HookPhase.PreInstall, HookPhase.Install, HookPhase.PostInstall, HookPhase.HealthCheck], ran.Select(h => h.Phase));
        Assert.All(ran, hook => Assert.True(hook.Succeeded));
        var versionDirectory = Layout.VersionDirectory(Product, "2.0.0");
        Assert.Equal(
            [
                $"pre-install current=versions/1.0.0 from=1.0.0 pwd={versionDirectory}",
                $"install current=versions/1.0.0 from=1.0.0 pwd={versionDirectory}",
                $"post-install current=versions/2.0.0 from=1.0.0 pwd={versionDirectory}",
                $"health-check current=versions/2.0.0 from=1.0.0 pwd={versionDirectory}",
            ],
            HookedPackage.Log(Layout.InstallRoot));
        Assert.Equal("2.0.0", CurrentLink.Read(ProductDirectory));
    }

    [Fact]
    public async Task InstallsNothingWhenThePreInstallHookFails()
    {
        await InstallAsync("1.0.0", hooks: null);

        var error = await Assert.ThrowsAsync<HookFailedException>(() =>
            InstallAsync("2.0.0", new() { ["preInstall"] = 3, ["install"] = 0, ["healthCheck"] = 0, ["rollback"] = 0 }));

        Assert.False(error.RolledBack);
        Assert.Equal(HookPhase.PreInstall, error.Failed.Phase);
        Assert.Equal(3, error.Failed.Outcome.ExitCode);
        Assert.Equal([HookPhase.PreInstall, HookPhase.Rollback], error.Hooks.Select(h => h.Phase));
        Assert.Contains("nothing was installed", error.Message, StringComparison.Ordinal);
        Assert.Equal(["pre-install", "rollback"], HookedPackage.Log(Layout.InstallRoot).Select(Phase));
        Assert.StartsWith("rollback current=versions/1.0.0 from=1.0.0 ", HookedPackage.Log(Layout.InstallRoot)[1], StringComparison.Ordinal);
        Assert.Equal("1.0.0", CurrentLink.Read(ProductDirectory));
        Assert.Equal("acme.a 1.0.0", await File.ReadAllTextAsync(Path.Combine(Layout.CurrentLink(Product), "app.txt"), Ct));
        AssertOnlyVersionLeft("1.0.0");
    }

    [Fact]
    public async Task SwitchesBackToThePreviousVersionWhenTheHealthCheckOfAnUpdateFails()
    {
        await InstallAsync("1.0.0", hooks: null);

        var error = await Assert.ThrowsAsync<HookFailedException>(() =>
            InstallAsync("2.0.0", new() { ["postInstall"] = 0, ["healthCheck"] = 1, ["rollback"] = 0 }));

        Assert.True(error.RolledBack);
        Assert.Equal(HookPhase.HealthCheck, error.Failed.Phase);
        Assert.Equal([HookPhase.PostInstall, HookPhase.HealthCheck, HookPhase.Rollback], error.Hooks.Select(h => h.Phase));
        Assert.Contains("rolled back to the previous version", error.Message, StringComparison.Ordinal);
        var log = HookedPackage.Log(Layout.InstallRoot);
        Assert.Equal(["post-install", "health-check", "rollback"], log.Select(Phase));
        // The rollback hook runs once the previous version is current again, and is told which version that is.
        Assert.StartsWith("rollback current=versions/1.0.0 from=1.0.0 ", log[2], StringComparison.Ordinal);
        Assert.Equal("1.0.0", CurrentLink.Read(ProductDirectory));
        Assert.Equal("acme.a 1.0.0", await File.ReadAllTextAsync(Path.Combine(Layout.CurrentLink(Product), "app.txt"), Ct));
        AssertOnlyVersionLeft("1.0.0");
    }

    [Fact]
    public async Task LeavesNoCurrentLinkWhenTheHealthCheckOfAFirstInstallFails()
    {
        var error = await Assert.ThrowsAsync<HookFailedException>(() =>
            InstallAsync("1.0.0", new() { ["healthCheck"] = 1, ["rollback"] = 0 }));

        Assert.True(error.RolledBack);
        Assert.Equal(["health-check current=versions/1.0.0 from=", "rollback current= from="],
            HookedPackage.Log(Layout.InstallRoot).Select(line => line[..line.IndexOf(" pwd=", StringComparison.Ordinal)]));
        Assert.Null(CurrentLink.Read(ProductDirectory));
        Assert.False(Path.Exists(Layout.CurrentLink(Product)));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(ProductDirectory, InstallLayout.VersionsFolder)));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(ProductDirectory, InstallLayout.PackagesFolder)));
        Assert.Empty(Directory.GetDirectories(ProductDirectory, ".*"));
    }

    [Fact]
    public async Task UndoesTheInstallWhenAHookTimesOut()
    {
        await InstallAsync("1.0.0", hooks: null);
        var runner = new HookRunner(TimeSpan.FromMilliseconds(700));
        var package = await HookedPackage.BuildAsync(_folder.Path, Product, "2.0.0", new Dictionary<string, int> { ["install"] = 0 }, Ct,
            extraScript: "sleep 60");

        var error = await Assert.ThrowsAsync<HookFailedException>(() =>
            new TestInstaller(Layout, runner).InstallAsync(Facts("2.0.0"), package, Ct));

        Assert.True(error.Failed.Outcome.TimedOut);
        Assert.Null(error.Failed.Outcome.ExitCode);
        Assert.False(error.RolledBack);
        Assert.Equal("1.0.0", CurrentLink.Read(ProductDirectory));
        AssertOnlyVersionLeft("1.0.0");
    }

    [Fact]
    public async Task UndoesTheInstallWhenStoppedDuringTheHealthCheck()
    {
        await InstallAsync("1.0.0", hooks: null);
        var package = await HookedPackage.BuildAsync(_folder.Path, Product, "2.0.0", new Dictionary<string, int> { ["healthCheck"] = 1, ["rollback"] = 0 },
            Ct, extraScript: "[ \"$UPDATER_PHASE\" = health-check ] && sleep 60");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new TestInstaller(Layout, new HookRunner(TimeSpan.FromSeconds(30))).InstallAsync(Facts("2.0.0"), package, stop.Token));

        // No version whose health check never finished stays active; the rollback hook ran once 1.0.0 was current again.
        Assert.Equal("1.0.0", CurrentLink.Read(ProductDirectory));
        Assert.StartsWith("rollback current=versions/1.0.0 from=1.0.0 ", Assert.Single(HookedPackage.Log(Layout.InstallRoot)), StringComparison.Ordinal);
        AssertOnlyVersionLeft("1.0.0");
    }

    [Fact]
    public async Task RunsNoHookWhenThePackageHasNone()
    {
        var ran = await InstallAsync("1.0.0", hooks: null);

        Assert.Empty(ran);
        Assert.Empty(HookedPackage.Log(Layout.InstallRoot));
        Assert.Equal("1.0.0", CurrentLink.Read(ProductDirectory));
    }

    private void AssertOnlyVersionLeft(string version)
    {
        Assert.Equal([version], Directory.GetDirectories(Path.Combine(ProductDirectory, InstallLayout.VersionsFolder)).Select(Path.GetFileName));
        Assert.Equal([version], Directory.GetDirectories(Path.Combine(ProductDirectory, InstallLayout.PackagesFolder)).Select(Path.GetFileName));
        Assert.Empty(Directory.GetDirectories(ProductDirectory, ".staging-*"));
    }

    private async Task<IReadOnlyList<HookResult>> InstallAsync(string version, Dictionary<string, int>? hooks)
    {
        var package = await HookedPackage.BuildAsync(_folder.Path, Product, version, hooks, Ct);
        return await new TestInstaller(Layout, new HookRunner(TimeSpan.FromSeconds(30))).InstallAsync(Facts(version), package, Ct);
    }

    private static ReleaseFacts Facts(string version) =>
        new() { Product = Product, Version = StrictVersion.Parse(version), Kind = ProductKinds.Platform };

    private static string Phase(string line) => line[..line.IndexOf(' ', StringComparison.Ordinal)];
}
