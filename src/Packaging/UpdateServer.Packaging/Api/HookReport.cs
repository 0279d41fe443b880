namespace UpdateServer.Packaging.Api;

/// <summary>
/// One hook the updater ran while installing: the phase (<c>pre-install</c>, <c>install</c>, <c>post-install</c>,
/// <c>health-check</c>, <c>rollback</c>), its exit code (null when it timed out or could not start), whether it timed
/// out, how long it ran, and the tail of what it wrote.
/// </summary>
public sealed record HookReport(string? Phase, int? ExitCode, bool TimedOut, long DurationMs, string? Output);
