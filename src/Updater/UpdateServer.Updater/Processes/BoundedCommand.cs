using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace UpdateServer.Updater.Processes;

/// <summary>
/// Runs a command directly (no shell) with a timeout, keeping at most <see cref="MaxOutputChars"/> of each output
/// stream while draining the rest so the command never blocks on a full pipe. At the timeout the command and every
/// process it started are killed.
/// </summary>
public static class BoundedCommand
{
    public const int MaxOutputChars = 64 * 1024;

    public static async Task<CommandOutcome> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        var stopwatch = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("the process did not start");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return new CommandOutcome(null, false, string.Empty, string.Empty, stopwatch.Elapsed, $"cannot run {start.FileName}: {e.Message}");
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = ReadCappedAsync(process.StandardOutput);
            var errors = ReadCappedAsync(process.StandardError);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var timedOut = false;
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
                timedOut = true;
            }

            return new CommandOutcome(timedOut ? null : process.ExitCode, timedOut, await output, await errors, stopwatch.Elapsed, null);
        }
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (text.Length < MaxOutputChars)
            {
                text.Append(buffer, 0, Math.Min(read, MaxOutputChars - text.Length));
            }
        }

        return text.ToString();
    }
}
