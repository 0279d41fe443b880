using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Installing;

namespace UpdateServer.Updater.Transactions;

/// <summary>
/// Everything an install transaction touches on this machine: the install layout, the hook runner, the journal, the
/// install state, how many previous versions are kept, the crash-test points and the clock.
/// </summary>
public sealed record InstallSite(
    InstallLayout Layout,
    HookRunner Hooks,
    ApplyJournalStore Journal,
    InstallStateStore State,
    int KeepPreviousVersions,
    FaultPoints Faults,
    TimeProvider Time)
{
    public const string JournalFileName = "journal.json";

    /// <summary>A site with the journal and the state file in <paramref name="dataDirectory"/>.</summary>
    public static InstallSite Create(string installRoot, string dataDirectory, TimeSpan hookTimeout, int keepPreviousVersions,
        FaultPoints faults, TimeProvider time) =>
        new(new InstallLayout(installRoot), new HookRunner(hookTimeout),
            new ApplyJournalStore(Path.Combine(dataDirectory, JournalFileName), faults),
            new InstallStateStore(Path.Combine(dataDirectory, "state.json")), keepPreviousVersions, faults, time);

    public VersionRetention Retention => new(Layout, KeepPreviousVersions, Faults);
}
