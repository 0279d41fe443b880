using System.CommandLine;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Repo;

/// <summary>
/// The commands that change a repository after <c>init</c>: <c>rotate</c>, <c>vendor</c>, <c>sign</c>, <c>commit</c>.
/// Each prints the files it wrote and what the pending files still need.
/// </summary>
public static class RepoChangeCommands
{
    public static IEnumerable<Command> Create(UpkgEnvironment environment) =>
        [Rotate(environment), Vendor(environment), Sign(environment), Commit(environment)];

    private static Option<string> RepositoryOption(bool required = true) => new("--repo")
    {
        Description = "The operator's repository folder (the one 'upkg repo init --out' created)",
        HelpName = "DIR",
        Required = required,
    };

    private static Command Rotate(UpkgEnvironment environment)
    {
        var repository = RepositoryOption();
        var role = new Option<string>("--role") { Description = "root, targets, snapshot or timestamp", Required = true };
        var addKeys = new Option<string[]>("--add-key") { Description = "A public key file to trust for the role; repeatable", HelpName = "PUBKEY" };
        var removeKeys = new Option<string[]>("--remove-key") { Description = "A keyid (or public key file) to stop trusting; repeatable", HelpName = "KEYID" };
        var threshold = new Option<int?>("--threshold") { Description = "The role's new threshold (default: unchanged)", HelpName = "N" };
        var newOnlineKey = new Option<bool>("--new-online-key")
        {
            Description = "snapshot/timestamp: generate a new key into server/ and trust it instead of the old ones",
        };
        var expires = CommonOptions.Duration("--expires", "365d", "Lifetime of the new root");
        var targetsExpires = CommonOptions.Duration("--targets-expires", "90d", "Lifetime of the new targets version (when the targets keys change)");
        var json = CommonOptions.Json();
        var command = new Command("rotate", "Prepare the next root with changed keys or threshold for one role (in pending/, to be signed)")
        {
            repository, role, addKeys, removeKeys, threshold, newOnlineKey, expires, targetsExpires, json,
        };
        command.SetAction(parse => RepoChangeRendering.Render(new CommandOutput(environment, parse.GetValue(json)),
            new RepoRotateRunner(environment.Time).Run(new RepoRotateOptions(
                parse.GetRequiredValue(repository), parse.GetRequiredValue(role), parse.GetValue(addKeys) ?? [], parse.GetValue(removeKeys) ?? [],
                parse.GetValue(threshold), parse.GetValue(newOnlineKey), CommonOptions.GetDuration(parse, expires),
                CommonOptions.GetDuration(parse, targetsExpires)))));
        return command;
    }

    private static Command Vendor(UpkgEnvironment environment)
    {
        var repository = RepositoryOption();
        var action = new Argument<string>("action") { Description = "add, set-key (replace and revoke the old key), remove, or new-api-key" };
        action.AcceptOnlyFromAmong(RepoVendorRunner.Add, RepoVendorRunner.SetKey, RepoVendorRunner.Remove, RepoVendorRunner.NewApiKey);
        var vendor = new Argument<string>("vendor") { Description = "The vendor's name" };
        var key = new Option<string>("--key") { Description = "The vendor's public key file (add, set-key)", HelpName = "PUBKEY" };
        var expires = CommonOptions.Duration("--expires", "90d", "Lifetime of the new targets version");
        var json = CommonOptions.Json();
        var command = new Command("vendor", "Add a vendor, replace or revoke its key, remove it, or give it a new API key (targets change in pending/)")
        {
            action, vendor, repository, key, expires, json,
        };
        command.SetAction(parse => RepoChangeRendering.Render(new CommandOutput(environment, parse.GetValue(json)),
            new RepoVendorRunner(environment.Time).Run(parse.GetValue(action)!, parse.GetRequiredValue(repository), parse.GetValue(vendor)!,
                parse.GetValue(key), CommonOptions.GetDuration(parse, expires))));
        return command;
    }

    private static Command Sign(UpkgEnvironment environment)
    {
        var file = new Argument<string>("file") { Description = "A pending root or targets file (pending/N.root.json, pending/N.targets.json)" };
        var key = new Option<string>("--key") { Description = "This key holder's private key file", HelpName = "KEYFILE", Required = true };
        var repository = RepositoryOption(required: false);
        var json = CommonOptions.Json();
        var command = new Command("sign", "Add one key holder's signature to a pending root or targets file") { file, key, repository, json };
        command.SetAction(parse => RepoChangeRendering.Render(new CommandOutput(environment, parse.GetValue(json)),
            RepoSignRunner.Run(parse.GetValue(file)!, parse.GetRequiredValue(key), parse.GetValue(repository))));
        return command;
    }

    private static Command Commit(UpkgEnvironment environment)
    {
        var repository = RepositoryOption();
        var json = CommonOptions.Json();
        var command = new Command("commit", "Move the pending files to server/ once every threshold is met") { repository, json };
        command.SetAction(parse => RepoChangeRendering.Render(new CommandOutput(environment, parse.GetValue(json)),
            new RepoCommitRunner(environment.Time).Run(parse.GetRequiredValue(repository))));
        return command;
    }
}
