using System.CommandLine;

namespace UpdateServer.Updater.Cli;

/// <summary>The <c>updater</c> command line. Exit codes: 0 success, 1 failure, 2 usage error.</summary>
public static class UpdaterCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken cancellationToken)
    {
        var options = new GlobalOptions();
        var output = new CliOutput(stdout, stderr, interactive);
        var root = new RootCommand("UpdateServer updater: checks, verifies (TUF) and installs updates on this machine");
        foreach (var option in options.All)
        {
            root.Add(option);
        }

        foreach (var command in UpdateCommands.Create(options, () => output).Concat(ConformanceCommands.Create(options, () => output)))
        {
            root.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return output.Fail(parse.Errors[0].Message, exitCode: 2);
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return output.Fail("cancelled; nothing was switched.", exitCode: 130);
        }
#pragma warning disable CA1031 // The command line's outer boundary: whatever escapes becomes one line, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return output.Fail($"unexpected {e.GetType().Name}: {e.Message}");
        }
    }
}
