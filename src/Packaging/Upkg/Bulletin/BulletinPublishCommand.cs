using System.CommandLine;
using System.Security.Cryptography;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Packaging.Repository;
using UpdateServer.Upkg.Cli;
using UpdateServer.Upkg.Publish;

namespace UpdateServer.Upkg.Bulletin;

/// <summary>
/// <c>upkg bulletin publish FILE... --server URL --vendor NAME --key VENDOR.key</c>: lists sealed revisions as targets
/// <c>&lt;vendor&gt;/&lt;ID&gt;.r&lt;N&gt;.bulletin.json</c> (custom facts <c>{"kind": "bulletin", ...}</c>) in the vendor's next
/// signed metadata and uploads them, exactly as <c>upkg publish</c> does packages (same checks, ledger and bins).
/// </summary>
public static class BulletinPublishCommand
{
    public static Command Create(UpkgEnvironment environment)
    {
        var files = new Argument<string[]>("files") { Description = "Sealed revisions (<ID>.r<N>.bulletin.json, from 'upkg bulletin sign')", Arity = ArgumentArity.OneOrMore };
        var server = CommonOptions.HttpUrl("--server", "The server's base URL");
        var vendor = new Option<string>("--vendor") { Description = "Your vendor name", HelpName = "NAME", Required = true };
        var key = new Option<string>("--key") { Description = "Your vendor private key file", HelpName = "VENDOR.key", Required = true };
        var apiKeyFile = new Option<string>("--api-key-file") { Description = $"File holding your API key (default: {PublishCommand.ApiKeyVariable})", HelpName = "FILE" };
        var expires = CommonOptions.Duration("--expires", "90d", "Lifetime of your newly signed metadata");
        var json = CommonOptions.Json();
        var command = new Command("publish", "Sign sealed bulletin revisions as targets and upload them") { files, server, vendor, key, apiKeyFile, expires, json };
        vendor.Validators.Add(result =>
        {
            if (!VendorRegistration.IsValidName(result.GetValue(vendor)))
            {
                result.AddError($"--vendor \"{result.GetValue(vendor)}\" is not a vendor name.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var vendorName = parse.GetRequiredValue(vendor);
            var candidates = parse.GetRequiredValue(files).Select(f => Candidate(f, vendorName)).ToList();
            var options = new PublishOptions([], parse.GetRequiredValue(server), vendorName, parse.GetRequiredValue(key),
                PublishCommand.ReadApiKey(parse.GetValue(apiKeyFile), environment), Packaging.Catalog.ReleaseFacts.DefaultChannel, null, null, false,
                CommonOptions.GetDuration(parse, expires))
            {
                StateDirectory = environment.StateDirectory,
            };
            var output = new CommandOutput(environment, parse.GetValue(json));
            IUploadDisplay display = output.Json ? new SilentUploadDisplay() : new PlainUploadDisplay(output.Writer);
            using var http = PublishCommand.CreateHttpClient(environment);
            var report = await new PublishRunner(http, environment.Time).RunAsync(options, candidates, display, cancellationToken);
            PublishCommand.Render(output, report);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <exception cref="UpkgException">Not a sealed revision, or outside the vendor's namespace.</exception>
    private static PublishCandidate Candidate(string file, string vendor)
    {
        var (document, bytes) = BulletinFiles.Read(file);
        if (!BulletinId.BelongsTo(document.Id, vendor))
        {
            throw new UpkgException($"{file}: {document.Id} is not in vendor \"{vendor}\"'s namespace (ids start with \"{vendor.ToUpperInvariant()}-\").");
        }

        if (Path.GetFileName(file) != BulletinSealer.FileName(document))
        {
            throw new UpkgException($"{file}: not a sealed revision (expected {BulletinSealer.FileName(document)}); run 'upkg bulletin sign' first.");
        }

        var facts = new BulletinFacts(document.Id, document.Revision);
        return new PublishCandidate(file, facts.TargetPath(vendor), bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), null) { Bulletin = facts };
    }
}
