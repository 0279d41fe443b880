namespace UpdateServer.Updater.Processes;

/// <summary>
/// How a command ended: its exit code (null when it could not start or was killed at the timeout), whether it timed
/// out, what it wrote (each stream capped), how long it ran, and why it could not start.
/// </summary>
public sealed record CommandOutcome(int? ExitCode, bool TimedOut, string Output, string Errors, TimeSpan Duration, string? StartFailure)
{
    public bool Succeeded => ExitCode == 0;
}
