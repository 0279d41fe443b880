namespace UpdateServer.Updater.Policies;

/// <summary>The update policy: mode, maintenance window (none = any time), and how long non-mandatory updates wait.</summary>
public sealed record UpdatePolicy(string Mode, MaintenanceWindow? Window, TimeSpan Deferral)
{
    public static UpdatePolicy Default { get; } = new(PolicyModes.Auto, null, TimeSpan.Zero);
}
