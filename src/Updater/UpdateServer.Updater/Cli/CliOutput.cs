using System.Text.Json;
using Spectre.Console;

namespace UpdateServer.Updater.Cli;

/// <summary>Where command output goes: tables for people, JSON for scripts, one line on stderr for errors.</summary>
public sealed class CliOutput(TextWriter stdout, TextWriter stderr, bool interactive)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public TextWriter Out => stdout;

    public TextWriter Error => stderr;

    /// <summary>True when stdout is a terminal, so progress bars and colours make sense.</summary>
    public bool Interactive => interactive;

    public IAnsiConsole Console { get; } = CreateConsole(stdout, interactive);

    private static IAnsiConsole CreateConsole(TextWriter stdout, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });

        // Redirected output has no terminal width; keep table rows on one line for logs and scripts.
        if (!interactive)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    public void WriteJson<T>(T value) => stdout.WriteLine(JsonSerializer.Serialize(value, Json));

    public void WriteLine(string text) => stdout.WriteLine(text);

    /// <summary>Prints the one line an error gets and returns the exit code for it.</summary>
    public int Fail(string message, int exitCode = 1)
    {
        stderr.WriteLine($"updater: {message.ReplaceLineEndings(" ")}");
        return exitCode;
    }
}
