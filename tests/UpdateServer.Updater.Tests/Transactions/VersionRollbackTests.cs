using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;
using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Tests.Installing;
using UpdateServer.Updater.Transactions;

namespace UpdateServer.Updater.Tests.Transactions;

/// <summary><c>updater rollback</c>: back to the newest kept older version, checked first, the left one held.</summary>
public sealed class VersionRollbackTests : IDisposable
{
    private const string Product = "acme.a";
    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private InstallLayout Layout => new(Path.Combine(_folder.Path, "install"));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReturnsToThePreviousVersionRunsTheRollbackHookAndHoldsTheNewerPackage()
    {
        var installer = await InstallAsync("1.0.0", "2.0.0", "3.0.0");

        var (journal, hooks) = await new VersionRollback(installer.Site).RunAsync(Product, Ct);

        Assert.Equal("2.0.0", journal.Version);
        Assert.Equal("2.0.0", CurrentLink.Read(Layout.ProductDirectory(Product)));
        Assert.Equal("2.0.0", installer.Site.State.Load().Find(Product)!.Version);
        Assert.Equal([HookPhase.Rollback], hooks.Select(h => h.Phase));
        Assert.Equal("3.0.0", Assert.Single(installer.Site.State.Load().Held).Value.Version);
        Assert.True(Directory.Exists(Layout.VersionDirectory(Product, "3.0.0")));
        Assert.Null(installer.Site.Journal.Load());

        await new VersionRollback(installer.Site).RunAsync(Product, Ct);
        Assert.Equal("1.0.0", CurrentLink.Read(Layout.ProductDirectory(Product)));
    }

    [Fact]
    public async Task RefusesToReturnToAVersionDamagedSince()
    {
        var installer = await InstallAsync("1.0.0", "2.0.0");
        await File.WriteAllTextAsync(Path.Combine(Layout.VersionDirectory(Product, "1.0.0"), "app.txt"), "tampered", Ct);

        var error = await Assert.ThrowsAsync<RollbackUnavailableException>(() => new VersionRollback(installer.Site).RunAsync(Product, Ct));

        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
        Assert.Equal("2.0.0", CurrentLink.Read(Layout.ProductDirectory(Product)));
    }

    [Fact]
    public async Task RefusesWhenNoOlderVersionIsKept()
    {
        var installer = await InstallAsync("1.0.0");

        await Assert.ThrowsAsync<RollbackUnavailableException>(() => new VersionRollback(installer.Site).RunAsync(Product, Ct));
        Assert.Equal("1.0.0", CurrentLink.Read(Layout.ProductDirectory(Product)));
    }

    [Fact]
    public async Task ARollbackInterruptedAfterItsJournalIsFinishedAtTheNextStart()
    {
        var installer = await InstallAsync("1.0.0", "2.0.0");
        installer.Site.Journal.Save(new ApplyJournal
        {
            Operation = ApplyJournal.RollbackOperation, PackageProduct = Product, PackageVersion = "2.0.0", Product = Product, Version = "1.0.0",
            PreviousVersion = "2.0.0", Kind = "platform", TargetPath = string.Empty, Sha256 = string.Empty, Phase = JournalPhases.Staged,
            StartedAt = DateTimeOffset.UnixEpoch,
        });

        var recovered = await new JournalRecovery(installer.Site).RecoverAsync([Product], Ct);

        Assert.True(recovered!.Committed);
        Assert.Equal("1.0.0", CurrentLink.Read(Layout.ProductDirectory(Product)));
        Assert.Equal("1.0.0", installer.Site.State.Load().Find(Product)!.Version);
    }

    private async Task<TestInstaller> InstallAsync(params string[] versions)
    {
        var installer = new TestInstaller(Layout, new HookRunner(TimeSpan.FromSeconds(30)));
        foreach (var version in versions)
        {
            var package = await HookedPackage.BuildAsync(_folder.Path, Product, version, new Dictionary<string, int> { ["rollback"] = 0 }, Ct);
            await installer.InstallAsync(new ReleaseFacts { Product = Product, Version = StrictVersion.Parse(version), Kind = ProductKinds.Platform }, package, Ct);
        }

        return installer;
    }
}
