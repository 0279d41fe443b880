namespace UpdateServer.Updater.Transactions;

/// <summary>
/// Runs at every start that may touch installs: a transaction the journal shows unfinished is finished when it got
/// past its health check (<see cref="JournalPhases.IsPastPointOfNoReturn"/>) and undone otherwise — the same decision
/// for the same journal every time, however often the recovery itself is interrupted. Leftover staging and removal
/// folders are deleted too.
/// </summary>
public sealed class JournalRecovery(InstallSite site)
{
    /// <summary>Finishes or undoes the unfinished transaction, if any; the caller holds the install lock.</summary>
    /// <param name="products">The products whose folders may hold leftovers.</param>
    /// <param name="cancellationToken">Not used to interrupt the recovery itself, which always completes.</param>
    /// <returns>What was recovered, or null when nothing was unfinished.</returns>
    public async Task<RecoveredTransaction?> RecoverAsync(IEnumerable<string> products, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        RecoveredTransaction? recovered = null;
        if (site.Journal.Load() is { } journal)
        {
            if (journal.Operation == ApplyJournal.RollbackOperation)
            {
                // A requested rollback returns to a version that ran here before; it is finished, never undone.
                var hooks = await new VersionRollback(site).FinishAsync(journal, CancellationToken.None).ConfigureAwait(false);
                recovered = new RecoveredTransaction(journal, Committed: true, hooks);
            }
            else if (JournalPhases.IsPastPointOfNoReturn(journal.Phase))
            {
                new InstallCommit(site).Run(journal);
                recovered = new RecoveredTransaction(journal, Committed: true, []);
            }
            else
            {
                // A hook or the health check may not have finished; only a version that passed its health check stays.
                var reason = journal.UndoReason ?? $"interrupted after {journal.Phase}; undone at the next start";
                var hooks = await new InstallUndo(site).RunAsync(journal, reason, CancellationToken.None).ConfigureAwait(false);
                recovered = new RecoveredTransaction(journal with { UndoReason = reason }, Committed: false, hooks);
            }
        }

        foreach (var product in products.Append(recovered?.Journal.Product).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            site.Retention.RemoveLeftovers(product);
        }

        return recovered;
    }
}
