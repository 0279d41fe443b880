using System.CommandLine;
using System.Globalization;
using NuGet.Versioning;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Bundle;

/// <summary>
/// <c>upkg bundle PRODUCT@VERSION... (--server URL | --repository DIR) --root ROOT.json --out FILE [--json]</c>: one file
/// with the TUF metadata and the packages of the named releases, for machines that cannot reach the server.
/// </summary>
public static class BundleCommand
{
    public static Command Create(UpkgEnvironment environment)
    {
        var releases = new Argument<string[]>("releases")
        {
            Description = "The releases to carry, as PRODUCT@VERSION (e.g. acme.culture-platform@2.0.0)",
            Arity = ArgumentArity.OneOrMore,
        };
        var server = CommonOptions.HttpUrl("--server", "Take the releases from this server");
        server.Required = false;
        var repository = new Option<string>("--repository")
        {
            Description = "Take the releases from a local repository folder (metadata/ and targets/, as the server serves them under /tuf/)",
            HelpName = "DIR",
        };
        var root = new Option<string>("--root") { Description = "The trusted root.json the operator ships to machines", HelpName = "ROOT.json", Required = true };
        var outFile = new Option<string>("--out") { Description = "The bundle file to write (replaced if it exists)", HelpName = "FILE", Required = true };
        var json = CommonOptions.Json();

        releases.Validators.Add(result =>
        {
            foreach (var text in result.GetValue(releases) ?? [])
            {
                if (Parse(text) is null)
                {
                    result.AddError($"\"{text}\" is not PRODUCT@VERSION (e.g. acme.culture-platform@2.0.0).");
                }
            }
        });

        var command = new Command("bundle", "Write an offline bundle: TUF metadata and packages of chosen releases, for machines without network")
        {
            releases, server, repository, root, outFile, json,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(server) is null) == (result.GetResult(repository) is null))
            {
                result.AddError("give exactly one of --server and --repository.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new BundleRequest(parse.GetRequiredValue(releases).Select(t => Parse(t)!.Value).ToList(), parse.GetValue(server),
                parse.GetValue(repository), parse.GetRequiredValue(root), parse.GetRequiredValue(outFile));
            using var http = environment.HttpHandler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
            http.Timeout = Timeout.InfiniteTimeSpan;
            var result = await BundleRunner.RunAsync(request, http, environment.Time, cancellationToken);
            var output = new CommandOutput(environment, parse.GetValue(json));
            if (output.Json)
            {
                output.WriteJson(result);
            }
            else
            {
                output.Write(CommandOutput.Facts(
                    ("bundle", result.Bundle),
                    ("releases", string.Join(", ", result.Targets)),
                    ("metadata", string.Join(", ", result.Metadata)),
                    ("size", $"{ByteSize.Format(result.Size)} ({result.Size.ToString(CultureInfo.InvariantCulture)} bytes)"),
                    ("sha256", result.Sha256)));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static (string Product, NuGetVersion Version)? Parse(string text)
    {
        var at = text.LastIndexOf('@');
        return at > 0 && ReleaseFacts.IsProductId(text[..at]) && StrictVersion.TryParse(text[(at + 1)..], out var version)
            ? (text[..at], version)
            : null;
    }
}
