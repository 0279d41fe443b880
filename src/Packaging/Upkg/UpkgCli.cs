using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Packaging.Bundles;
using UpdateServer.Packaging.Canonical;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Bulletin;
using UpdateServer.Upkg.Bundle;
using UpdateServer.Upkg.Cli;
using UpdateServer.Upkg.Keys;
using UpdateServer.Upkg.Pack;
using UpdateServer.Upkg.Publish;
using UpdateServer.Upkg.Release;
using UpdateServer.Upkg.Repo;

namespace UpdateServer.Upkg;

/// <summary>
/// The <c>upkg</c> command line, callable in-process. Every error ends as one line <c>upkg: MESSAGE</c> on stderr:
/// exit code 2 for a wrong command line, 1 when the work failed, 0 on success. Never a stack trace.
/// </summary>
public static class UpkgCli
{
    /// <summary>Runs <c>upkg</c> with <paramref name="args"/>, writing to the given streams.</summary>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, new UpkgEnvironment(stdout, stderr), cancellationToken);

    /// <summary>Runs <c>upkg</c> with <paramref name="args"/> in <paramref name="environment"/> (streams, HTTP handler, clock, variables).</summary>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, UpkgEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);

        var parse = CreateRootCommand(environment).Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            var errors = string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')));
            return Fail(environment, $"{errors} (see '{CommandPath(parse)} --help')", ExitCodes.Usage);
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = environment.Stdout,
                Error = environment.Stderr,
                EnableDefaultExceptionHandler = false,
            };
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (UsageException e)
        {
            return Fail(environment, e.Message, ExitCodes.Usage);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(environment, "cancelled.", ExitCodes.Failure);
        }
        catch (Exception e) when (IsReportable(e))
        {
            return Fail(environment, e.Message, ExitCodes.Failure);
        }
    }

    /// <summary>The failures a command may end with; anything else is a bug and is not hidden.</summary>
    private static bool IsReportable(Exception e) => e is UpkgException
        or IOException
        or UnauthorizedAccessException
        or HttpRequestException
        or PackageException
        or KeyFormatException
        or TufException
        or CanonicalJsonException
        or ReleaseFactsException
        or BulletinFormatException
        or BundleFormatException;

    private static int Fail(UpkgEnvironment environment, string message, int exitCode)
    {
        // One line, whatever the message holds: scripts and logs read the first line only.
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        environment.Stderr.WriteLine($"upkg: {line}");
        environment.Stderr.Flush();
        return exitCode;
    }

    /// <summary>The command the user meant, e.g. <c>upkg repo init</c>, for the help hint.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        names.Insert(0, "upkg");
        return string.Join(' ', names);
    }

    private static RootCommand CreateRootCommand(UpkgEnvironment environment) =>
        new("upkg: create keys and packages, set up a TUF repository, and publish signed releases to an UpdateServer")
        {
            KeygenCommand.Create(environment),
            RepoCommand.Create(environment),
            PackCommand.Create(environment),
            PublishCommand.Create(environment),
            ReleaseCommand.Create(environment),
            BulletinCommand.Create(environment),
            BundleCommand.Create(environment),
        };
}
