using Spectre.Console;
using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Cli;

/// <summary>
/// Shows download progress: a live progress bar on a terminal, otherwise a plain line at every quarter, so logs
/// and pipes stay readable.
/// </summary>
public sealed class DownloadProgressRenderer(CliOutput output) : IProgress<DownloadProgress>
{
    private readonly Dictionary<string, int> _lastQuarter = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private ProgressContext? _context;

    /// <summary>Runs <paramref name="work"/> with a live progress display when interactive.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        if (!output.Interactive)
        {
            return await work();
        }

        return await output.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                _context = context;
                return await work();
            });
    }

    public void Report(DownloadProgress value)
    {
        var key = $"{value.Product} {value.Version}";
        if (_context is { } context)
        {
            if (!_tasks.TryGetValue(key, out var task))
            {
                task = _tasks[key] = context.AddTask(key, maxValue: Math.Max(1, value.Total));
            }

            task.Value = value.Received;
            return;
        }

        var quarter = value.Total == 0 ? 4 : (int)(value.Received * 4 / value.Total);
        if (!_lastQuarter.TryGetValue(key, out var last) || quarter > last)
        {
            _lastQuarter[key] = quarter;
            output.WriteLine($"downloading {key}: {quarter * 25}% ({value.Received}/{value.Total} bytes)");
        }
    }
}
