using System.ComponentModel;
using System.Diagnostics;

namespace UpdateServer.Updater.Processes;

/// <summary>
/// Runs a command directly (no shell) with a timeout, draining both output streams (the start and the end of each
/// kept, see <see cref="OutputCapture"/>) so the command never blocks on a full pipe. At the timeout the command and
/// every process it started are killed. Something it left running in the background (a daemon it started) may hold
/// the output open after it exited: the output is then taken as it is after a short grace period, never waited for.
/// </summary>
public static class BoundedCommand
{
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(2);

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
            return new CommandOutcome(null, false, string.Empty, string.Empty, stopwatch.Elapsed, timeout, $"cannot run {start.FileName}: {e.Message}");
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = OutputCapture.Start(process.StandardOutput);
            var errors = OutputCapture.Start(process.StandardError);
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

            var elapsed = stopwatch.Elapsed;
            await Task.WhenAny(Task.WhenAll(output.Completion, errors.Completion), Task.Delay(OutputGrace, CancellationToken.None));
            return new CommandOutcome(timedOut ? null : process.ExitCode, timedOut, output.Text, errors.Text, elapsed, timeout, null);
        }
    }
}
