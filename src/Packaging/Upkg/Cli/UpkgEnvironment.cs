namespace UpdateServer.Upkg.Cli;

/// <summary>
/// Everything a run of <c>upkg</c> talks to besides its arguments and files: the two output streams, whether stdout
/// is a terminal (for progress bars and colours), the HTTP handler, the clock and the environment variables.
/// <c>Program</c> passes the real ones; tests and end-to-end harnesses pass their own.
/// </summary>
public sealed record UpkgEnvironment(TextWriter Stdout, TextWriter Stderr)
{
    /// <summary>True when stdout is an interactive terminal: progress is drawn as a bar, otherwise as a few plain lines.</summary>
    public bool StdoutIsTerminal { get; init; }

    /// <summary>The handler for HTTP calls (<c>publish</c>); null for the platform's. Never disposed by <c>upkg</c>.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Reads an environment variable (<c>UPKG_API_KEY</c>); null when it is not set.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The environment variable naming the state folder.</summary>
    public const string StateDirectoryVariable = "UPKG_STATE_DIR";

    /// <summary>
    /// Where <c>upkg</c> keeps what it must remember between runs (the record of published targets):
    /// <c>$UPKG_STATE_DIR</c>, else <c>$XDG_STATE_HOME/upkg</c>, else <c>~/.local/state/upkg</c>
    /// (<c>%LOCALAPPDATA%\upkg</c> on Windows). Not created until something is written.
    /// </summary>
    public string StateDirectory =>
        GetEnvironmentVariable(StateDirectoryVariable) is { Length: > 0 } explicitDirectory ? explicitDirectory
        : OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "upkg")
        : GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state ? Path.Combine(state, "upkg")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "upkg");
}
