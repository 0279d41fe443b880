using System.CommandLine;
using System.Globalization;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Versions;
using UpdateServer.Upkg.Cli;
using UpdateServer.Upkg.Publish;

namespace UpdateServer.Upkg.Release;

/// <summary>
/// <c>upkg release promote PRODUCT VERSION --to testing|stable</c> and <c>upkg release yank PRODUCT VERSION --reason TEXT</c>,
/// each with <c>--server URL --vendor NAME --key VENDOR.key (--api-key-file FILE | env UPKG_API_KEY) [--expires 90d] [--json]</c>.
/// </summary>
public static class ReleaseCommand
{
    public static Command Create(UpkgEnvironment environment)
    {
        var to = new Option<string>("--to") { Description = "The state to promote to", Required = true };
        to.AcceptOnlyFromAmong(ReleaseStates.Testing, ReleaseStates.Stable);
        var promoteReason = new Option<string>("--reason") { Description = "Why (signed with the state)", HelpName = "TEXT" };
        var promote = Build(environment, "promote", "Move a release forward: draft -> testing (test ring) -> stable (everyone)", [to, promoteReason],
            parse => (parse.GetRequiredValue(to), parse.GetValue(promoteReason)));

        var yankReason = new Option<string>("--reason") { Description = "Why the release is withdrawn (signed; shown to machines and admins)", HelpName = "TEXT", Required = true };
        var yank = Build(environment, "yank", "Withdraw a release: no machine is offered or installs it again", [yankReason],
            parse => (ReleaseStates.Yanked, parse.GetRequiredValue(yankReason)));

        return new Command("release", "Change a published release's lifecycle state") { promote, yank };
    }

    private static Command Build(UpkgEnvironment environment, string name, string description, Option[] specific,
        Func<ParseResult, (string State, string? Reason)> target)
    {
        var product = new Argument<string>("product") { Description = "The product id, e.g. acme.culture-platform" };
        var version = new Argument<string>("version") { Description = "The release's version as published, e.g. 2.1.0" };
        var server = CommonOptions.HttpUrl("--server", "The server's base URL");
        var vendor = new Option<string>("--vendor") { Description = "Your vendor name", HelpName = "NAME", Required = true };
        var key = new Option<string>("--key") { Description = "Your vendor private key file", HelpName = "VENDOR.key", Required = true };
        var apiKeyFile = new Option<string>("--api-key-file")
        {
            Description = $"File holding your API key (default: the {PublishCommand.ApiKeyVariable} environment variable)",
            HelpName = "FILE",
        };
        var expires = CommonOptions.Duration("--expires", "90d", "Lifetime of the re-signed metadata");
        var json = CommonOptions.Json();
        var command = new Command(name, description) { product, version, server, vendor, key, apiKeyFile, expires, json };
        foreach (var option in specific)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (!ReleaseFacts.IsProductId(result.GetValue(product)))
            {
                result.AddError($"\"{result.GetValue(product)}\" is not a product id like vendor.name.");
            }

            if (!StrictVersion.TryParse(result.GetValue(version), out _))
            {
                result.AddError($"\"{result.GetValue(version)}\" is not a SemVer 2.0 version.");
            }

            if (!VendorRegistration.IsValidName(result.GetValue(vendor)))
            {
                result.AddError($"--vendor \"{result.GetValue(vendor)}\" is not a vendor name.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (state, reason) = target(parse);
            if (reason is { Length: 0 or > ReleaseFacts.MaxStateReasonLength })
            {
                throw new UsageException($"--reason must be 1 to {ReleaseFacts.MaxStateReasonLength} characters.");
            }

            var change = new LifecycleChange(parse.GetRequiredValue(product), StrictVersion.Parse(parse.GetRequiredValue(version)).ToFullString(), state, reason);
            using var http = PublishCommand.CreateHttpClient(environment);
            var result = await new LifecycleRunner(http, environment.Time).RunAsync(change, parse.GetRequiredValue(server), parse.GetRequiredValue(vendor),
                parse.GetRequiredValue(key), PublishCommand.ReadApiKey(parse.GetValue(apiKeyFile), environment), CommonOptions.GetDuration(parse, expires),
                environment.StateDirectory, cancellationToken);
            var output = new CommandOutput(environment, parse.GetValue(json));
            if (output.Json)
            {
                output.WriteJson(result);
            }
            else
            {
                output.Write(CommandOutput.Facts(
                    ("release", result.Target),
                    ("state", result.FromState == result.ToState ? $"{result.ToState} (unchanged)" : $"{result.FromState} -> {result.ToState}"),
                    ("signed in", $"{result.Role}.json version {result.MetadataVersion.ToString(CultureInfo.InvariantCulture)}"),
                    ("snapshot version", result.SnapshotVersion?.ToString(CultureInfo.InvariantCulture) ?? "(unchanged)")));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
