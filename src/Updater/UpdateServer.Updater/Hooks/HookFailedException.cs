namespace UpdateServer.Updater.Hooks;

/// <summary>
/// A hook failed and the install was undone: before the switch the new version was removed; after it the previous
/// version was switched back and the package's rollback hook ran. <see cref="Hooks"/> lists every hook run.
/// </summary>
public sealed class HookFailedException(HookResult failed, IReadOnlyList<HookResult> hooks, bool rolledBack)
    : Exception(rolledBack ? $"{failed.Failure}; rolled back to the previous version." : $"{failed.Failure}; nothing was installed.")
{
    public HookResult Failed { get; } = failed;

    public IReadOnlyList<HookResult> Hooks { get; } = hooks;

    /// <summary>True when the new version had been switched to and was switched back.</summary>
    public bool RolledBack { get; } = rolledBack;
}
