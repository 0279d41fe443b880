using System.CommandLine;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Repo;

/// <summary><c>upkg repo push --repo DIR --server URL [--operator-key-file FILE] [--json]</c>.</summary>
public static class RepoPushCommand
{
    public const string OperatorKeyVariable = "UPKG_OPERATOR_KEY";

    public static Command Create(UpkgEnvironment environment)
    {
        var repository = new Option<string>("--repo") { Description = "The operator's repository folder", HelpName = "DIR", Required = true };
        var server = CommonOptions.HttpUrl("--server", "The server's base URL");
        server.Required = true;
        var keyFile = new Option<string>("--operator-key-file")
        {
            Description = $"The operator API key (default: DIR/{OperatorRepository.OperatorKeyFile}, else ${OperatorKeyVariable})",
            HelpName = "FILE",
        };
        var json = CommonOptions.Json();
        var command = new Command("push", "Send committed root versions, targets and the vendor list to a running server") { repository, server, keyFile, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetRequiredValue(repository);
            var operatorKey = ReadKey(parse.GetValue(keyFile) ?? Path.Combine(directory, OperatorRepository.OperatorKeyFile), environment);
            using var http = environment.HttpHandler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
            var result = await new RepoPushRunner(http).RunAsync(directory, parse.GetRequiredValue(server), operatorKey, cancellationToken);
            var output = new CommandOutput(environment, parse.GetValue(json));
            if (output.Json)
            {
                output.WriteJson(result);
            }
            else
            {
                output.Write(CommandOutput.Facts(
                    ("root version", result.RootVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("targets version", result.TargetsVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("snapshot version", result.SnapshotVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("timestamp version", result.TimestampVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("vendor list version", result.VendorListVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("vendors", string.Join(", ", result.Vendors))));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string ReadKey(string file, UpkgEnvironment environment)
    {
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        return environment.GetEnvironmentVariable(OperatorKeyVariable) is { Length: > 0 } key
            ? key
            : throw new UsageException($"no operator key: {file} does not exist and ${OperatorKeyVariable} is not set.");
    }
}
