using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;
using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Tests.Installing;
using UpdateServer.Updater.Transactions;

namespace UpdateServer.Updater.Tests.Transactions;

/// <summary>
/// A journal left by a crash is finished or undone at the next start: undone before the health check passed (the
/// old version runs again, the rollback hook ran, the new one is gone), finished after it (the state names the new).
/// </summary>
public sealed class JournalRecoveryTests : IDisposable
{
    private const string Product = "acme.a";
    private static readonly Dictionary<string, int> AllHooks = new() { ["preInstall"] = 0, ["postInstall"] = 0, ["healthCheck"] = 0, ["rollback"] = 0 };
    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private InstallLayout Layout => new(Path.Combine(_folder.Path, "install"));

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(JournalPhases.Staged)]
    [InlineData(JournalPhases.PreInstall)]
    [InlineData(JournalPhases.Switched)]
    [InlineData(JournalPhases.PostInstall)]
    [InlineData(JournalPhases.RollingBack)]
    public async Task UndoesATransactionInterruptedBeforeItsHealthCheckPassed(string phase)
    {
        var installer = await InstallTwoAsync();
        installer.Site.Journal.Save(Journal("2.0.0", "1.0.0", phase));

        var recovered = await new JournalRecovery(installer.Site).RecoverAsync([Product], Ct);

        Assert.NotNull(recovered);
        Assert.False(recovered.Committed);
        Assert.Equal("1.0.0", CurrentLink.Read(Layout.ProductDirectory(Product)));
        Assert.False(Directory.Exists(Layout.VersionDirectory(Product, "2.0.0")));
        Assert.False(Directory.Exists(Layout.PackageDirectory(Product, "2.0.0")));
        Assert.Equal([HookPhase.Rollback], recovered.Hooks.Select(h => h.Phase));
        Assert.Null(installer.Site.Journal.Load());
        Assert.Null(await new JournalRecovery(installer.Site).RecoverAsync([Product], Ct));
    }

    [Theory]
    [InlineData(JournalPhases.HealthChecked)]
    [InlineData(JournalPhases.Committed)]
    public async Task FinishesATransactionThatPassedItsHealthCheck(string phase)
    {
        var installer = await InstallTwoAsync();
        installer.Site.State.Save(installer.Site.State.Load().With(new InstalledRelease(Product, "1.0.0", "platform", "acme/a", "aa", DateTimeOffset.UnixEpoch, null)));
        installer.Site.Journal.Save(Journal("2.0.0", "1.0.0", phase));

        var recovered = await new JournalRecovery(installer.Site).RecoverAsync([Product], Ct);

        Assert.True(recovered!.Committed);
        Assert.Equal("2.0.0", CurrentLink.Read(Layout.ProductDirectory(Product)));
        Assert.Equal("2.0.0", installer.Site.State.Load().Find(Product)!.Version);
        Assert.Equal("feed", installer.Site.State.Load().Find(Product)!.Sha256);
        Assert.Null(installer.Site.Journal.Load());
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("null")]
    [InlineData("missing phase")]
    [InlineData("oversized")]
    public async Task RefusesToDecideFromAnUnreadableJournalAndChangesNothing(string damage)
    {
        var installer = await InstallTwoAsync();
        installer.Site.Journal.Save(Journal("2.0.0", "1.0.0", JournalPhases.Switched));
        var written = await File.ReadAllTextAsync(installer.Site.Journal.Path, Ct);
        var damaged = damage switch
        {
            "truncated" => written[..(written.Length / 2)],
            "empty" => string.Empty,
            "null" => "null",
            "missing phase" => written.Replace("\"phase\"", "\"stage\"", StringComparison.Ordinal),
            _ => written.Replace("\"kind\"", "\"padding\": \"" + new string('x', 70_000) + "\", \"kind\"", StringComparison.Ordinal),
        };
        await File.WriteAllTextAsync(installer.Site.Journal.Path, damaged, Ct);

        await Assert.ThrowsAsync<InvalidDataException>(() => new JournalRecovery(installer.Site).RecoverAsync([Product], Ct));
        await Assert.ThrowsAsync<InvalidDataException>(async () =>
            await installer.InstallAsync(Facts("3.0.0"), await HookedPackage.BuildAsync(_folder.Path, Product, "3.0.0", null, Ct), Ct));

        // Neither finished nor undone: the journal stays for an operator, and what runs keeps running.
        Assert.Equal(damaged, await File.ReadAllTextAsync(installer.Site.Journal.Path, Ct));
        Assert.Equal("2.0.0", CurrentLink.Read(Layout.ProductDirectory(Product)));
        Assert.True(Directory.Exists(Layout.VersionDirectory(Product, "1.0.0")));
        Assert.True(Directory.Exists(Layout.VersionDirectory(Product, "2.0.0")));
        Assert.False(Directory.Exists(Layout.VersionDirectory(Product, "3.0.0")));
    }

    [Fact]
    public async Task UndoesAFirstInstallByRemovingCurrent()
    {
        var installer = new TestInstaller(Layout, new HookRunner(TimeSpan.FromSeconds(30)));
        await installer.InstallAsync(Facts("1.0.0"), await HookedPackage.BuildAsync(_folder.Path, Product, "1.0.0", null, Ct), Ct);
        installer.Site.Journal.Save(Journal("1.0.0", null, JournalPhases.Switched) with { HooksStarted = false });

        var recovered = await new JournalRecovery(installer.Site).RecoverAsync([Product], Ct);

        Assert.Empty(recovered!.Hooks);
        Assert.Null(CurrentLink.Read(Layout.ProductDirectory(Product)));
        Assert.False(Directory.Exists(Layout.VersionDirectory(Product, "1.0.0")));
    }

    [Fact]
    public async Task RemovesStagingAndHalfRemovedFoldersLeftBehind()
    {
        var installer = await InstallTwoAsync();
        var staging = Directory.CreateDirectory(Path.Combine(Layout.ProductDirectory(Product), ".staging-abc")).FullName;
        var removing = Directory.CreateDirectory(Path.Combine(Layout.ProductDirectory(Product), InstallLayout.VersionsFolder, ".removing-0.9.0-abc")).FullName;

        Assert.Null(await new JournalRecovery(installer.Site).RecoverAsync([Product], Ct));

        Assert.False(Directory.Exists(staging));
        Assert.False(Directory.Exists(removing));
        Assert.True(Directory.Exists(Layout.VersionDirectory(Product, "2.0.0")));
    }

    [Fact]
    public async Task KeepsOnlyTheConfiguredNumberOfPreviousVersions()
    {
        var installer = new TestInstaller(Layout, new HookRunner(TimeSpan.FromSeconds(30)), keepVersions: 1);
        foreach (var version in new[] { "1.0.0", "2.0.0", "3.0.0" })
        {
            await installer.InstallAsync(Facts(version), await HookedPackage.BuildAsync(_folder.Path, Product, version, null, Ct), Ct);
        }

        Assert.Equal(["2.0.0", "3.0.0"], Directory.GetDirectories(Path.Combine(Layout.ProductDirectory(Product), InstallLayout.VersionsFolder))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["2.0.0", "3.0.0"], Directory.GetDirectories(Path.Combine(Layout.ProductDirectory(Product), InstallLayout.PackagesFolder))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private async Task<TestInstaller> InstallTwoAsync()
    {
        var installer = new TestInstaller(Layout, new HookRunner(TimeSpan.FromSeconds(30)));
        await installer.InstallAsync(Facts("1.0.0"), await HookedPackage.BuildAsync(_folder.Path, Product, "1.0.0", null, Ct), Ct);
        await installer.InstallAsync(Facts("2.0.0"), await HookedPackage.BuildAsync(_folder.Path, Product, "2.0.0", AllHooks, Ct), Ct);
        Assert.Equal("2.0.0", CurrentLink.Read(Layout.ProductDirectory(Product)));
        return installer;
    }

    private static ApplyJournal Journal(string version, string? previous, string phase) => new()
    {
        PackageProduct = Product,
        PackageVersion = version,
        Product = Product,
        Version = version,
        PreviousVersion = previous,
        Kind = "platform",
        TargetPath = $"acme/{Product}-{version}.upkg",
        Sha256 = "feed",
        FromVersion = previous,
        Phase = phase,
        HooksStarted = true,
        StartedAt = DateTimeOffset.UnixEpoch,
    };

    private static ReleaseFacts Facts(string version) => new() { Product = Product, Version = StrictVersion.Parse(version), Kind = ProductKinds.Platform };
}
