namespace UpdateServer.Updater.Processes;

/// <summary>
/// How a command ended: its exit code (null when it could not start or was killed at the timeout), whether it timed
/// out, what it wrote (see <see cref="OutputCapture"/>), how long it ran, the time it was allowed, and why it could
/// not start.
/// </summary>
public sealed record CommandOutcome(int? ExitCode, bool TimedOut, string Output, string Errors, TimeSpan Duration, TimeSpan Timeout,
    string? StartFailure)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The timeout in words: "500 ms", "10 s", "5 min".</summary>
    public string TimeoutText => Timeout.TotalSeconds < 1 ? $"{Timeout.TotalMilliseconds:0} ms"
        : Timeout.TotalMinutes < 1 ? $"{Timeout.TotalSeconds:0.#} s"
        : $"{Timeout.TotalMinutes:0.#} min";
}
