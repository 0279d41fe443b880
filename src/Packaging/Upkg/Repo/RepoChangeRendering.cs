using Spectre.Console;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Repo;

/// <summary>How every repository-change command reports: the files it wrote and what the pending files still need.</summary>
public static class RepoChangeRendering
{
    public static int Render(CommandOutput output, RepoChangeResult result)
    {
        if (output.Json)
        {
            output.WriteJson(result);
            return ExitCodes.Success;
        }

        var files = new Table().Border(TableBorder.Rounded).AddColumns("written");
        foreach (var file in result.Files)
        {
            files.AddRow(new Text(file));
        }

        output.Write(files);
        if (result.Pending.Count == 0)
        {
            output.Write(new Text("Nothing pending.\n"));
            return ExitCodes.Success;
        }

        var pending = new Table().Border(TableBorder.Rounded).AddColumns("pending", "signatures", "needed from", "ready");
        foreach (var file in result.Pending)
        {
            if (file.Signatures.Count == 0)
            {
                pending.AddRow(new Text(file.File), new Text("none needed"), new Text("-"), new Text("yes"));
            }

            foreach (var count in file.Signatures)
            {
                pending.AddRow(new Text(file.File), new Text($"{count.Valid} of {count.Threshold} {count.Role}"), new Text(count.Against),
                    new Text(count.Met ? "yes" : "no"));
            }
        }

        output.Write(pending);
        return ExitCodes.Success;
    }
}
