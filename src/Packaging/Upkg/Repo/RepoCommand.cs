using System.CommandLine;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Repo;

/// <summary><c>upkg repo init ...</c>: the operator's commands for the TUF repository.</summary>
public static class RepoCommand
{
    public static Command Create(UpkgEnvironment environment) =>
        new("repo", "Operator commands for the TUF repository the server serves") { RepoInitCommand.Create(environment) };
}
