using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace UpdateServer.Upkg.Cli;

/// <summary>
/// Where a command's result goes: JSON for scripts (<c>--json</c>), otherwise tables drawn by Spectre.Console —
/// with colours on a terminal, plain text when stdout is a file or a pipe.
/// </summary>
public sealed class CommandOutput
{
    private const int PlainWidth = 160;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // The output goes to scripts, not into HTML: keep '+' in versions and paths readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly UpkgEnvironment _environment;
    private IAnsiConsole? _console;

    public CommandOutput(UpkgEnvironment environment, bool json)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        Json = json;
    }

    /// <summary>True when the result is written as JSON (and no progress is shown).</summary>
    public bool Json { get; }

    public bool IsTerminal => _environment.StdoutIsTerminal;

    public TextWriter Writer => _environment.Stdout;

    /// <summary>The console that draws tables and progress bars on stdout.</summary>
    public IAnsiConsole Console => _console ??= CreateConsole();

    /// <summary>Writes <paramref name="result"/> as indented camelCase JSON and a newline.</summary>
    public void WriteJson<T>(T result)
    {
        Writer.WriteLine(JsonSerializer.Serialize(result, JsonOptions));
        Writer.Flush();
    }

    public void Write(IRenderable renderable) => Console.Write(renderable);

    /// <summary>A two-column table of names and values, the shape of most results.</summary>
    public static Table Facts(params IEnumerable<(string Name, string Value)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders();
        table.AddColumn(new TableColumn("field").NoWrap());
        table.AddColumn(new TableColumn("value"));
        foreach (var (name, value) in rows)
        {
            table.AddRow(new Text(name), new Text(value));
        }

        return table;
    }

    private IAnsiConsole CreateConsole()
    {
        if (IsTerminal)
        {
            return AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Writer) });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = PlainWidth;
        return console;
    }
}
