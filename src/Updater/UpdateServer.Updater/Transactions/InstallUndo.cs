using UpdateServer.Packaging.Packages;
using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Installing;

namespace UpdateServer.Updater.Transactions;

/// <summary>
/// Undoes a transaction the journal describes: marks it rolling back, points <c>current</c> where it pointed before
/// (or removes it after an undone first install), runs the package's rollback hook when any hook had started, removes
/// the new version's folders, and ends the journal. Every step is safe to repeat, so an undo interrupted by another
/// crash is simply run again at the next start.
/// </summary>
public sealed class InstallUndo(InstallSite site)
{
    /// <returns>The rollback hook's result, when it ran.</returns>
    public async Task<IReadOnlyList<HookResult>> RunAsync(ApplyJournal journal, string reason, CancellationToken cancellationToken)
    {
        if (journal.Phase != JournalPhases.RollingBack)
        {
            journal = site.Journal.Save(journal with { Phase = JournalPhases.RollingBack, UndoReason = reason });
        }

        var layout = site.Layout;
        var productDirectory = layout.ProductDirectory(journal.Product);

        // The link, not the phase, says whether the switch happened: a kill can fall between the rename and the journal write.
        if (CurrentLink.Read(productDirectory) == journal.Version)
        {
            site.Faults.Reach("undo: before switching back");
            if (journal.PreviousVersion is null)
            {
                CurrentLink.Remove(productDirectory);
            }
            else
            {
                CurrentLink.Switch(productDirectory, journal.PreviousVersion);
            }

            site.Faults.Reach("undo: switched back");
        }

        var ran = new List<HookResult>();
        var packageDirectory = layout.PackageDirectory(journal.Product, journal.Version);
        if (journal.HooksStarted && RollbackHook(packageDirectory) is { } rollback)
        {
            ran.Add(await site.Hooks.RunAsync(HookPhase.Rollback, rollback, Context(journal), cancellationToken).ConfigureAwait(false));
        }

        VersionRetention.Remove(layout.VersionDirectory(journal.Product, journal.Version));
        VersionRetention.Remove(packageDirectory);
        site.Faults.Reach("undo: new version removed");
        site.Journal.Delete();
        return ran;
    }

    /// <summary>What the hooks of the journal's transaction are told.</summary>
    public HookContext Context(ApplyJournal journal) => new(journal.PackageProduct, journal.PackageVersion, journal.Product, journal.Version,
        journal.PreviousVersion, site.Layout.VersionDirectory(journal.Product, journal.Version),
        site.Layout.PackageDirectory(journal.Product, journal.Version), site.Layout.InstallRoot);

    private static string? RollbackHook(string packageDirectory)
    {
        var manifest = Path.Combine(packageDirectory, PackageManifest.FileName);
        return File.Exists(manifest) ? PackageManifest.Parse(File.ReadAllBytes(manifest)).Hooks.Rollback : null;
    }
}
