using UpdateServer.Updater.Installing;

namespace UpdateServer.Updater.Transactions;

/// <summary>
/// Finishes a transaction past its health check: the install state names the new version, the journal says
/// committed, old versions beyond the kept ones are removed, the journal is deleted. Safe to repeat.
/// </summary>
public sealed class InstallCommit(InstallSite site)
{
    public void Run(ApplyJournal journal)
    {
        var state = site.State.Load();
        if (state.Find(journal.Product) is not { } recorded || recorded.Version != journal.Version || recorded.Sha256 != journal.Sha256)
        {
            site.Faults.Reach("commit: before state write");
            site.State.Save(state.With(new InstalledRelease(journal.Product, journal.Version, journal.Kind, journal.TargetPath,
                journal.Sha256, site.Time.GetUtcNow(), journal.FromVersion)));
            site.Faults.Reach("commit: state written");
        }

        if (journal.Phase != JournalPhases.Committed)
        {
            site.Journal.Save(journal with { Phase = JournalPhases.Committed });
        }

        site.Retention.Prune(journal.Product);
        site.Journal.Delete();
    }
}
