using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Repository;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Publish;

/// <summary>
/// <c>upkg publish PACKAGE.upkg [...] --server URL --vendor NAME --key VENDOR.key (--api-key-file FILE | env UPKG_API_KEY)
/// [--channel stable] [--state stable] [--os linux]... [--arch x64]... [--mandatory] [--expires 90d] [--json]</c>.
/// </summary>
public static class PublishCommand
{
    /// <summary>The environment variable read for the API key when <c>--api-key-file</c> is not given.</summary>
    public const string ApiKeyVariable = "UPKG_API_KEY";

    private const int MaxApiKeyFileBytes = 4096;

    public static Command Create(UpkgEnvironment environment)
    {
        var packages = new Argument<string[]>("packages") { Description = "The .upkg files to publish", Arity = ArgumentArity.ZeroOrMore };
        var server = CommonOptions.HttpUrl("--server", "The server's base URL");
        var vendor = new Option<string>("--vendor") { Description = "Your vendor name (your namespace on the server)", HelpName = "NAME", Required = true };
        var key = new Option<string>("--key") { Description = "Your vendor private key file", HelpName = "VENDOR.key", Required = true };
        var apiKeyFile = new Option<string>("--api-key-file")
        {
            Description = $"File holding your API key (default: the {ApiKeyVariable} environment variable)",
            HelpName = "FILE",
        };
        var channel = new Option<string>("--channel") { Description = "Release channel", DefaultValueFactory = _ => ReleaseFacts.DefaultChannel };
        var os = new Option<string[]>("--os") { Description = "Operating system the release applies to; repeat for several (default: the manifest's applicability.os, else any)" };
        var arch = new Option<string[]>("--arch") { Description = "CPU architecture the release applies to; repeat for several (default: the manifest's applicability.arch, else any)" };
        var state = new Option<string>("--state")
        {
            Description = "Lifecycle state of the new releases: draft (offered to nobody), testing (test ring only) or stable",
            DefaultValueFactory = _ => ReleaseStates.Stable,
        };
        state.AcceptOnlyFromAmong(ReleaseStates.Draft, ReleaseStates.Testing, ReleaseStates.Stable);
        var mandatory = new Option<bool>("--mandatory") { Description = "Machines must install this release" };
        var expires = CommonOptions.Duration("--expires", "90d", "Lifetime of your newly signed metadata");
        var previousKey = new Option<string>("--previous-key")
        {
            Description = "After the operator replaced your key: your previous public key, which signed the server's current copy",
            HelpName = "PUBKEY",
        };
        var resign = new Option<bool>("--resign")
        {
            Description = "Sign and upload the next version even when no package is new (renew expiry, or adopt a new key)",
        };
        var bins = new Option<int>("--bins")
        {
            Description = "Move your releases into 16 or 256 hashed bins (for vendors with many releases; machines then fetch one bin per update)",
            HelpName = "N",
        };
        var yes = new Option<bool>("--yes")
        {
            Description = "With --previous-key: also re-sign targets the server lists that this machine has no record of publishing (check them first)",
        };
        var json = CommonOptions.Json();

        vendor.Validators.Add(result =>
        {
            if (!VendorRegistration.IsValidName(result.GetValue(vendor)))
            {
                result.AddError($"--vendor \"{result.GetValue(vendor)}\" is not a vendor name (lowercase letters, digits and dashes).");
            }
        });
        channel.Validators.Add(result =>
        {
            if (!ReleaseFacts.IsChannelName(result.GetValue(channel)))
            {
                result.AddError($"--channel \"{result.GetValue(channel)}\" is not a channel name (lowercase letters, digits and dashes).");
            }
        });
        foreach (var list in new[] { os, arch })
        {
            list.Validators.Add(result =>
            {
                if (result.GetValue(list)?.FirstOrDefault(v => v.Length is 0 or > 64 || v.Any(char.IsWhiteSpace)) is { } bad)
                {
                    result.AddError($"{list.Name} \"{bad}\" must be a single word of at most 64 characters.");
                }
            });
        }

        var command = new Command("publish", "Sign and upload packages to an UpdateServer as a vendor")
        {
            packages, server, vendor, key, apiKeyFile, channel, state, os, arch, mandatory, expires, previousKey, resign, bins, yes, json,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(packages)?.Length ?? 0) == 0 && !result.GetValue(resign))
            {
                result.AddError("give at least one package, or --resign to sign the next version without new packages.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new PublishOptions(
                parse.GetRequiredValue(packages),
                parse.GetRequiredValue(server),
                parse.GetRequiredValue(vendor),
                parse.GetRequiredValue(key),
                ReadApiKey(parse.GetValue(apiKeyFile), environment),
                parse.GetRequiredValue(channel),
                parse.GetValue(os) is { Length: > 0 } oses ? oses : null,
                parse.GetValue(arch) is { Length: > 0 } arches ? arches : null,
                parse.GetValue(mandatory),
                CommonOptions.GetDuration(parse, expires))
            {
                PreviousKeyFile = parse.GetValue(previousKey),
                Resign = parse.GetValue(resign),
                Bins = parse.GetValue(bins),
                State = parse.GetRequiredValue(state),
                ConfirmUnrecorded = parse.GetValue(yes),
                StateDirectory = environment.StateDirectory,
            };
            var output = new CommandOutput(environment, parse.GetValue(json));
            IUploadDisplay display = output.Json ? new SilentUploadDisplay()
                : output.IsTerminal ? new BarUploadDisplay(output.Console)
                : new PlainUploadDisplay(output.Writer);

            using var http = CreateHttpClient(environment);
            var report = await new PublishRunner(http, environment.Time).RunAsync(options, display, cancellationToken);
            Render(output, report);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One client for the run. No overall timeout: an upload of a large package may take long; Ctrl+C stops it.</summary>
    internal static HttpClient CreateHttpClient(UpkgEnvironment environment)
    {
        var http = environment.HttpHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) });
        http.Timeout = Timeout.InfiniteTimeSpan;
        return http;
    }

    internal static string ReadApiKey(string? file, UpkgEnvironment environment)
    {
        string? key;
        if (file is not null)
        {
            try
            {
                var info = new FileInfo(file);
                key = !info.Exists ? throw new UpkgException($"{file}: API key file not found.")
                    : info.Length > MaxApiKeyFileBytes ? throw new UpkgException($"{file}: too large for an API key file.")
                    : File.ReadAllText(file).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UpkgException($"{file}: cannot read the API key file: {e.Message}", e);
            }

            return key.Length > 0 ? key : throw new UpkgException($"{file}: the API key file is empty.");
        }

        key = environment.GetEnvironmentVariable(ApiKeyVariable)?.Trim();
        return key is { Length: > 0 } ? key : throw new UsageException($"no API key: pass --api-key-file FILE or set {ApiKeyVariable}.");
    }

    internal static void Render(CommandOutput output, PublishReport report)
    {
        if (output.Json)
        {
            output.WriteJson(report);
            return;
        }

        static string Version(long? version) => version?.ToString(CultureInfo.InvariantCulture) ?? "(unchanged)";
        output.Write(CommandOutput.Facts(
            ("vendor", report.Vendor),
            ("metadata version", report.MetadataVersion.ToString(CultureInfo.InvariantCulture)),
            ("snapshot version", Version(report.SnapshotVersion)),
            ("timestamp version", Version(report.TimestampVersion)),
            ("targets listed", report.Targets.Count.ToString(CultureInfo.InvariantCulture))));

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("target", "channel", "size", "sha256", "status");
        foreach (var package in report.Packages)
        {
            table.AddRow(Markup.Escape(package.Target), package.Channel, ByteSize.Format(package.Size), package.Sha256[..16] + "...", package.Status);
        }

        output.Write(table);
    }
}
