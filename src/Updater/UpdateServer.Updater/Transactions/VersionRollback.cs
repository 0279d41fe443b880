using UpdateServer.Packaging.Packages;
using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Installing;

namespace UpdateServer.Updater.Transactions;

/// <summary>
/// <c>updater rollback PRODUCT</c>: returns a product to the newest kept version older than the current one. The kept
/// version is checked file by file against its manifest first; then, journaled, the package being left is held (so the
/// next apply does not bring it straight back), <c>current</c> is switched, the left package's rollback hook runs, and
/// the install state names the older version. A crash part-way is finished at the next start.
/// </summary>
public sealed class VersionRollback(InstallSite site)
{
    /// <exception cref="RollbackUnavailableException">Nothing is installed, no older version is kept, or it is damaged.</exception>
    public async Task<(ApplyJournal Journal, IReadOnlyList<HookResult> Hooks)> RunAsync(string product, CancellationToken cancellationToken)
    {
        var productDirectory = site.Layout.ProductDirectory(product);
        var current = CurrentLink.Read(productDirectory) is { } linked && NuGet.Versioning.NuGetVersion.TryParse(linked, out var parsed)
            ? parsed
            : throw new RollbackUnavailableException($"{product} is not installed here.");
        var previous = site.Retention.InstalledVersions(product).FirstOrDefault(v => v < current)
            ?? throw new RollbackUnavailableException($"{product}: no version older than {current.ToFullString()} is kept here (keepVersions).");
        var target = previous.ToFullString();
        var manifest = PackageManifest.Parse(File.ReadAllBytes(Path.Combine(site.Layout.PackageDirectory(product, target), PackageManifest.FileName)));
        if (InstalledVersionCheck.Differences(site.Layout.VersionDirectory(product, target), manifest) is { Count: > 0 } damaged)
        {
            throw new RollbackUnavailableException($"{product} {target} is damaged and is not switched to: {string.Join("; ", damaged.Take(5))}.");
        }

        var leaving = site.State.Load().Find(product);
        var journal = site.Journal.Save(new ApplyJournal
        {
            Operation = ApplyJournal.RollbackOperation,
            PackageProduct = product,
            PackageVersion = current.ToFullString(),
            Product = product,
            Version = target,
            PreviousVersion = current.ToFullString(),
            Kind = leaving?.Kind ?? manifest.Kind.ToString().ToLowerInvariant(),
            TargetPath = string.Empty,
            Sha256 = string.Empty,
            FromVersion = current.ToFullString(),
            Phase = JournalPhases.Staged,
            StartedAt = site.Time.GetUtcNow(),
            UndoReason = "rolled back on request",
        });
        if (leaving is { Sha256.Length: > 0 } left && left.Version == current.ToFullString())
        {
            site.State.Save(site.State.Load().WithHeld(left.Sha256,
                new HeldPackage(product, left.Version, left.TargetPath, "rolled back on request", site.Time.GetUtcNow())));
        }

        return (journal, await FinishAsync(journal, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Completes a rollback the journal describes; every step is safe to repeat.</summary>
    public async Task<IReadOnlyList<HookResult>> FinishAsync(ApplyJournal journal, CancellationToken cancellationToken)
    {
        var productDirectory = site.Layout.ProductDirectory(journal.Product);
        if (CurrentLink.Read(productDirectory) != journal.Version)
        {
            site.Faults.Reach("rollback: before switch");
            CurrentLink.Switch(productDirectory, journal.Version);
            journal = site.Journal.Save(journal with { Phase = JournalPhases.Switched });
        }

        var ran = new List<HookResult>();
        var leftPackage = site.Layout.PackageDirectory(journal.Product, journal.PackageVersion);
        var leftManifest = Path.Combine(leftPackage, PackageManifest.FileName);
        if (!journal.HooksStarted && File.Exists(leftManifest) && PackageManifest.Parse(File.ReadAllBytes(leftManifest)).Hooks.Rollback is { } hook)
        {
            journal = site.Journal.Save(journal with { HooksStarted = true });
            var context = new HookContext(journal.Product, journal.PackageVersion, journal.Product, journal.PackageVersion, journal.Version,
                site.Layout.VersionDirectory(journal.Product, journal.PackageVersion), leftPackage, site.Layout.InstallRoot);
            ran.Add(await site.Hooks.RunAsync(HookPhase.Rollback, hook, context, cancellationToken).ConfigureAwait(false));
        }

        new InstallCommit(site).Run(journal with { Phase = JournalPhases.HealthChecked });
        return ran;
    }
}
