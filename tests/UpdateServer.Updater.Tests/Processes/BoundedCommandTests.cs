using System.Diagnostics;
using UpdateServer.Updater.Processes;

namespace UpdateServer.Updater.Tests.Processes;

public sealed class BoundedCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeepsTheStartAndTheEndOfEachStreamWhileTheCommandWritesMuchMore()
    {
        // 4 MiB on each stream: far beyond a pipe buffer, so the command blocks forever unless both are drained.
        var start = Shell("""
            echo first-out
            echo first-err >&2
            head -c 4194304 /dev/zero | tr '\0' o
            head -c 4194304 /dev/zero | tr '\0' e >&2
            echo last-out
            echo last-err >&2
            exit 3
            """);
        var stopwatch = Stopwatch.StartNew();

        var outcome = await BoundedCommand.RunAsync(start, TimeSpan.FromSeconds(60), Ct);

        Assert.False(outcome.TimedOut);
        Assert.Equal(3, outcome.ExitCode);
        Assert.StartsWith("first-out\nooo", outcome.Output, StringComparison.Ordinal);
        Assert.EndsWith("ooolast-out\n", outcome.Output, StringComparison.Ordinal);
        Assert.StartsWith("first-err\neee", outcome.Errors, StringComparison.Ordinal);
        Assert.EndsWith("eeelast-err\n", outcome.Errors, StringComparison.Ordinal);
        var omitted = 4194304 + "first-out\n".Length + "last-out\n".Length - (2 * OutputCapture.KeptChars);
        Assert.Contains($"[… {omitted} characters left out …]", outcome.Output, StringComparison.Ordinal);
        Assert.True(outcome.Output.Length < (2 * OutputCapture.KeptChars) + 100, $"kept {outcome.Output.Length} characters");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task DoesNotWaitForABackgroundProcessThatHoldsTheOutputOpen()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"us-daemon-{Guid.NewGuid():N}.pid");
        try
        {
            // A post-install hook starting a service: the script exits at once, the daemon keeps stdout open.
            var start = Shell($"sleep 30 & echo $! > {pidFile}; echo started; exit 0");
            var stopwatch = Stopwatch.StartNew();

            var outcome = await BoundedCommand.RunAsync(start, TimeSpan.FromSeconds(20), Ct);

            Assert.Equal(0, outcome.ExitCode);
            Assert.False(outcome.TimedOut);
            Assert.Equal("started\n", outcome.Output);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        }
        finally
        {
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile, Ct), out var pid))
            {
                Process.GetProcessById(pid).Kill();
            }

            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task KeepsOutputUnderTheCapWhole()
    {
        var outcome = await BoundedCommand.RunAsync(Shell("printf 'a\\nb'; printf 'c' >&2"), TimeSpan.FromSeconds(30), Ct);

        Assert.Equal("a\nb", outcome.Output);
        Assert.Equal("c", outcome.Errors);
        Assert.True(outcome.Succeeded);
        Assert.True(outcome.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task KillsTheWholeProcessTreeAtTheTimeout()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"us-bounded-{Guid.NewGuid():N}.pid");
        try
        {
            var start = Shell($"sh -c 'sleep 60 & echo $! > {pidFile}; wait' & wait");
            var stopwatch = Stopwatch.StartNew();

            var outcome = await BoundedCommand.RunAsync(start, TimeSpan.FromMilliseconds(700), Ct);

            Assert.True(outcome.TimedOut);
            Assert.Null(outcome.ExitCode);
            Assert.False(outcome.Succeeded);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}");
            var grandchild = int.Parse(await File.ReadAllTextAsync(pidFile, Ct), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(await ShellScript.EndsAsync(grandchild, TimeSpan.FromSeconds(5), Ct), $"the grandchild {grandchild} still runs");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task ReportsACommandThatDoesNotExistAsAStartFailure()
    {
        var outcome = await BoundedCommand.RunAsync(new ProcessStartInfo("/nonexistent/us-no-such-command"), TimeSpan.FromSeconds(5), Ct);

        Assert.StartsWith("cannot run /nonexistent/us-no-such-command: ", outcome.StartFailure, StringComparison.Ordinal);
        Assert.Null(outcome.ExitCode);
        Assert.False(outcome.TimedOut);
        Assert.Equal(string.Empty, outcome.Output);
        Assert.Equal(string.Empty, outcome.Errors);
    }

    private static ProcessStartInfo Shell(string script)
    {
        var start = new ProcessStartInfo("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        return start;
    }
}
