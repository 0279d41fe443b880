using System.CommandLine;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Repo;

/// <summary><c>upkg repo init | rotate | vendor | sign | commit | push</c>: the operator's commands for the TUF repository.</summary>
public static class RepoCommand
{
    public static Command Create(UpkgEnvironment environment)
    {
        var repo = new Command("repo", "Operator commands for the TUF repository the server serves") { RepoInitCommand.Create(environment) };
        foreach (var command in RepoChangeCommands.Create(environment).Append(RepoPushCommand.Create(environment)))
        {
            repo.Add(command);
        }

        return repo;
    }
}
