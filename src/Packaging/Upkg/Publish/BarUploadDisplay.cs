using Spectre.Console;

namespace UpdateServer.Upkg.Publish;

/// <summary>Progress as a Spectre.Console bar with size, speed and time left, for an interactive terminal.</summary>
public sealed class BarUploadDisplay(IAnsiConsole console) : IUploadDisplay
{
    public Task<T> ShowAsync<T>(string description, long totalBytes, Func<IProgress<UploadProgress>, Task<T>> upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return console.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), autoStart: true, maxValue: Math.Max(1, totalBytes));
                var result = await upload(new Bar(task));
                task.Value = task.MaxValue;
                return result;
            });
    }

    private sealed class Bar(ProgressTask task) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value) => task.Value = value.BytesSent;
    }
}
