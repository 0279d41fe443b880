using System.CommandLine;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Pack;

/// <summary><c>upkg pack FOLDER --out FILE.upkg [--json]</c>.</summary>
public static class PackCommand
{
    public static Command Create(UpkgEnvironment environment)
    {
        var folder = new Argument<string>("folder")
        {
            Description = "Package source folder: upkg.json, payload/ and optionally hooks/",
        };
        var outFile = new Option<string>("--out")
        {
            Description = "The package file to write (replaced if it exists)",
            HelpName = "FILE.upkg",
            Required = true,
        };
        var json = CommonOptions.Json();

        var command = new Command("pack", "Build a deterministic .upkg package from a source folder") { folder, outFile, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await PackRunner.RunAsync(new PackOptions(parse.GetRequiredValue(folder), parse.GetRequiredValue(outFile)), cancellationToken);
            var output = new CommandOutput(environment, parse.GetValue(json));
            if (output.Json)
            {
                output.WriteJson(result);
            }
            else
            {
                output.Write(CommandOutput.Facts(
                    ("package", result.Package),
                    ("product", result.Product),
                    ("version", result.Version),
                    ("kind", result.Kind),
                    ("files", result.Files.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("size", $"{ByteSize.Format(result.Size)} ({result.Size} bytes)"),
                    ("sha256", result.Sha256)));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
