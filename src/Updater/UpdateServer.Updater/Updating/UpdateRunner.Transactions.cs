using System.Diagnostics;
using UpdateServer.Packaging.Api;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Transactions;

namespace UpdateServer.Updater.Updating;

/// <summary>The runner's transaction commands (recovery at start, requested rollback) and the outcome reports.</summary>
public sealed partial class UpdateRunner
{
    /// <summary>
    /// Finishes or undoes a transaction a crash left unfinished (see <see cref="JournalRecovery"/>) and reports it.
    /// Every command that touches installs calls this first.
    /// </summary>
    /// <exception cref="InstallLockedException">Another updater is applying; it recovers itself.</exception>
    public async Task<RecoveredTransaction?> RecoverAsync(CancellationToken cancellationToken)
    {
        using var installLock = InstallLock.Acquire(settings.LockFile);
        return await RecoverLockedAsync(cancellationToken);
    }

    /// <summary>True when a journal shows a transaction in progress or unfinished.</summary>
    public bool HasUnfinishedTransaction => File.Exists(_site.Journal.Path);

    /// <summary>Returns <paramref name="product"/> to the newest kept older version, holding the one it leaves, and reports it.</summary>
    /// <exception cref="RollbackUnavailableException">There is nothing to return to.</exception>
    /// <exception cref="InstallLockedException">Another updater is applying.</exception>
    public async Task<ApplyResult> RollbackAsync(string product, CancellationToken cancellationToken)
    {
        using var installLock = InstallLock.Acquire(settings.LockFile);
        await RecoverLockedAsync(cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        var (journal, hooks) = await new VersionRollback(_site).RunAsync(product, cancellationToken);
        var result = new ApplyResult(product, journal.PreviousVersion, journal.Version, ApplyOutcomes.RolledBack, "rollback-requested",
            $"returned from {journal.PreviousVersion} to {journal.Version} on request", hooks);
        await ReportAsync(result, stopwatch.Elapsed, cancellationToken);
        return result;
    }

    private async Task<RecoveredTransaction?> RecoverLockedAsync(CancellationToken cancellationToken)
    {
        var recovered = await new JournalRecovery(_site).RecoverAsync(KnownProducts(), cancellationToken);
        if (recovered is { Journal: var journal })
        {
            LogRecovered(logger, journal.Product, journal.Version, journal.Phase, recovered.Committed ? "finished" : "undone");
            if (journal.Operation == ApplyJournal.InstallOperation)
            {
                var result = recovered.Committed
                    ? new ApplyResult(journal.Product, journal.FromVersion, journal.Version, ApplyOutcomes.Succeeded, null, null, recovered.Hooks)
                    : new ApplyResult(journal.Product, journal.FromVersion, journal.Version, ApplyOutcomes.RolledBack, "interrupted",
                        journal.UndoReason, recovered.Hooks);
                await ReportAsync(result, time.GetUtcNow() - journal.StartedAt, cancellationToken);
            }
        }

        return recovered;
    }

    private async Task ReportAsync(ApplyResult result, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (result.Outcome is not (ApplyOutcomes.Succeeded or ApplyOutcomes.Failed or ApplyOutcomes.RolledBack))
        {
            return;
        }

        // Queued first, then sent with everything queued before: a report that cannot be sent now is sent later, and
        // never undoes an install.
        _reports.Enqueue(new InstallReport
        {
            DeviceId = settings.DeviceId,
            Product = result.Product,
            FromVersion = result.FromVersion,
            ToVersion = result.ToVersion,
            Outcome = result.Outcome,
            ErrorCode = result.ErrorCode,
            Message = result.Error is { Length: > 4096 } text ? text[..4096] : result.Error,
            DurationMs = (long)Math.Max(0, duration.TotalMilliseconds),
            Hooks = result.Hooks.TakeLast(16).Select(h => h.ToReport()).ToList(),
        });
        if (!_offline)
        {
            await SendQueuedReportsAsync(cancellationToken);
        }
    }

    /// <summary>Sends reports queued while the server could not be reached; failures leave them queued.</summary>
    public Task<int> SendQueuedReportsAsync(CancellationToken cancellationToken) => _reports.FlushAsync(api.ReportAsync, cancellationToken);
}
