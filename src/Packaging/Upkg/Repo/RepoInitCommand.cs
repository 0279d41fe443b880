using System.CommandLine;
using Spectre.Console;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Repo;

/// <summary>
/// <c>upkg repo init --out DIR --root-key KEY [--root-key KEY ...] [--root-threshold N] --targets-key KEY
/// --vendor NAME=PUBKEY [--vendor ...] [--root-expires 365d] [--targets-expires 90d] [--no-consistent-snapshot] [--json]</c>.
/// </summary>
public static class RepoInitCommand
{
    public static Command Create(UpkgEnvironment environment)
    {
        var outDirectory = new Option<string>("--out")
        {
            Description = "Folder to create the repository in (server/, vendor-api-keys/, trusted-root.json); server/ must not exist",
            HelpName = "DIR",
            Required = true,
        };
        var rootKeys = new Option<string[]>("--root-key")
        {
            Description = "Private key file of the root role; repeat for several keys, all of them sign root.json",
            HelpName = "KEYFILE",
            Required = true,
        };
        var rootThreshold = new Option<int>("--root-threshold")
        {
            Description = "How many root keys must sign a root",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
        };
        var targetsKey = new Option<string>("--targets-key")
        {
            Description = "Private key file of the targets role",
            HelpName = "KEYFILE",
            Required = true,
        };
        var vendors = new Option<string[]>("--vendor")
        {
            Description = "A vendor and its public key file (.pub.json from keygen, or a PEM ECDSA/RSA public key); repeat per vendor",
            HelpName = "NAME=PUBKEY",
            Required = true,
        };
        var rootExpires = CommonOptions.Duration("--root-expires", "365d", "Lifetime of root.json");
        var targetsExpires = CommonOptions.Duration("--targets-expires", "90d", "Lifetime of targets.json");
        var noConsistentSnapshot = new Option<bool>("--no-consistent-snapshot")
        {
            Description = "Serve only unversioned metadata and plain target names (consistent snapshots are on by default)",
        };
        var json = CommonOptions.Json();

        vendors.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => !VendorKeySpec.TryParse(t.Value, out _)))
            {
                result.AddError($"--vendor \"{token.Value}\" must be NAME=PUBKEY, e.g. acme=keys/acme.pub.json.");
            }
        });
        var command = new Command("init", "Create a new repository: signed root and targets, online keys, vendor API keys")
        {
            outDirectory, rootKeys, rootThreshold, targetsKey, vendors, rootExpires, targetsExpires, noConsistentSnapshot, json,
        };
        command.Validators.Add(result =>
        {
            // Defaults are not applied yet while validators run: an absent option means its default, 1.
            var threshold = result.GetResult(rootThreshold) is null ? 1 : result.GetValue(rootThreshold);
            var keyCount = result.GetValue(rootKeys)?.Length ?? 0;
            if (threshold < 1 || threshold > keyCount)
            {
                result.AddError($"--root-threshold {threshold} must be between 1 and the number of --root-key options ({keyCount}).");
            }
        });

        command.SetAction(parse =>
        {
            var options = new RepoInitOptions(
                parse.GetRequiredValue(outDirectory),
                parse.GetRequiredValue(rootKeys),
                parse.GetValue(rootThreshold),
                parse.GetRequiredValue(targetsKey),
                [.. parse.GetRequiredValue(vendors).Select(v => VendorKeySpec.TryParse(v, out var spec) ? spec : throw new UsageException($"--vendor \"{v}\" must be NAME=PUBKEY."))],
                CommonOptions.GetDuration(parse, rootExpires),
                CommonOptions.GetDuration(parse, targetsExpires),
                ConsistentSnapshot: !parse.GetValue(noConsistentSnapshot));
            var result = new RepoInitRunner(environment.Time).Run(options);
            Render(new CommandOutput(environment, parse.GetValue(json)), result);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Render(CommandOutput output, RepoInitResult result)
    {
        if (output.Json)
        {
            output.WriteJson(result);
            return;
        }

        var roles = new Table().Border(TableBorder.Rounded).Title($"Repository created in {Markup.Escape(result.Directory)}");
        roles.AddColumns("role", "keyids", "threshold", "expires");
        foreach (var role in result.Roles)
        {
            roles.AddRow(
                new Text(role.Role),
                new Text(string.Join("\n", role.KeyIds)),
                new Text($"{role.Threshold} of {role.KeyIds.Count}"),
                new Text(role.Expires?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "(signed by the server)"));
        }

        foreach (var vendor in result.Vendors)
        {
            roles.AddRow(new Text($"{vendor.Name} (delegated: {string.Join(", ", vendor.Paths)})"), new Text(vendor.KeyId), new Text("1 of 1"), new Text("(signed by the vendor)"));
        }

        output.Write(roles);
        var files = new Table().Border(TableBorder.Rounded);
        files.AddColumns("file", "what to do with it");
        foreach (var file in result.Files)
        {
            files.AddRow(new Text(file), new Text(Purpose(file)));
        }

        output.Write(files);
    }

    private static string Purpose(string file) => file switch
    {
        RepoInitRunner.TrustedRootFile => "install on every machine as the updater's trusted root",
        OperatorRepository.OperatorKeyFile => "the operator's key for 'upkg repo push'; keep it with the repository",
        _ when file.StartsWith(RepoInitRunner.ApiKeyFolder + "/", StringComparison.Ordinal) => "hand to the vendor over a secure channel, then delete",
        _ when file.EndsWith(".key", StringComparison.Ordinal) => "online key: stays on the server (mode 0600)",
        _ => "server repository folder (Repository:Directory)",
    };
}
