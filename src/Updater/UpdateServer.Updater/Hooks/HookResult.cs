using UpdateServer.Packaging.Api;
using UpdateServer.Updater.Processes;

namespace UpdateServer.Updater.Hooks;

/// <summary>One hook run: its phase, script and how it ended.</summary>
public sealed record HookResult(string Phase, string Script, CommandOutcome Outcome)
{
    /// <summary>The most a report carries of a hook's output: its last characters, where errors usually are.</summary>
    public const int ReportedOutputChars = 8 * 1024;

    public bool Succeeded => Outcome.Succeeded;

    /// <summary>Why the hook failed, in one line.</summary>
    public string Failure => Outcome switch
    {
        { StartFailure: { } failure } => $"{Phase} hook {Script}: {failure}",
        { TimedOut: true } => $"{Phase} hook {Script} did not finish within {Outcome.TimeoutText}",
        _ => $"{Phase} hook {Script} exited with code {Outcome.ExitCode}",
    };

    /// <summary>The tail of standard output and standard error together, at most <see cref="ReportedOutputChars"/>.</summary>
    public string ReportedOutput
    {
        get
        {
            var text = Outcome.StartFailure ?? string.Join("\n", new[] { Outcome.Output, Outcome.Errors }.Where(s => s.Length > 0));
            return text.Length > ReportedOutputChars ? text[^ReportedOutputChars..] : text;
        }
    }

    public HookReport ToReport() => new(Phase, Outcome.ExitCode, Outcome.TimedOut, (long)Outcome.Duration.TotalMilliseconds, ReportedOutput);
}
