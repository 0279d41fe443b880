using System.CommandLine;
using Microsoft.Extensions.Logging;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Updater.Cli;

/// <summary>
/// The public tuf-conformance client protocol (<c>init</c>, <c>refresh</c>, <c>download</c>), so any TUF
/// conformance harness can drive this client: exit 0 on success, 1 otherwise; the metadata folder holds
/// exactly the bytes received, under unversioned names.
/// </summary>
public static class ConformanceCommands
{
    public static IEnumerable<Command> Create(GlobalOptions options, Func<CliOutput> output)
    {
        var rootFile = new Argument<string>("trusted-root") { Description = "A root.json to trust initially" };
        var init = new Command("init", "Install a trusted root into --metadata-dir (no network access)") { rootFile };
        init.SetAction(parse => Guard(output(), () =>
        {
            var store = new DirectoryMetadataStore(Required(parse, options.MetadataDir));
            store.Write(RoleNames.Root, File.ReadAllBytes(parse.GetValue(rootFile)!));
            return Task.CompletedTask;
        }));

        var refresh = new Command("refresh", "Update trusted top-level metadata from --metadata-url");
        refresh.SetAction((parse, ct) => Guard(output(), async () =>
        {
            using var services = new UpdaterServices(parse.GetValue(options.Verbose), output().Error);
            var client = Client(parse, options, services, targetBase: null);
            await client.RefreshAsync(ct);
        }));

        var download = new Command("download", "Refresh, then download and verify each --target-name into --target-dir");
        download.SetAction((parse, ct) => Guard(output(), async () =>
        {
            using var services = new UpdaterServices(parse.GetValue(options.Verbose), output().Error);
            var client = Client(parse, options, services, Required(parse, options.TargetBaseUrl));
            var targetDir = Directory.CreateDirectory(Required(parse, options.TargetDir)).FullName;
            var names = parse.GetValue(options.TargetName) is { Length: > 0 } given ? given : throw new ArgumentException("--target-name is required.");
            await client.RefreshAsync(ct);
            foreach (var name in names)
            {
                var target = await client.FindTargetAsync(name, ct) ?? throw new TargetNotFoundException(name);
                var destination = Path.Combine(targetDir, Uri.EscapeDataString(name));
                if (!IsCached(destination, target))
                {
                    await client.DownloadTargetAsync(name, target, destination, null, ct);
                }
            }
        }));

        return [init, refresh, download];
    }

    private static TufClient Client(ParseResult parse, GlobalOptions options, UpdaterServices services, string? targetBase)
    {
        var metadataUrl = new Uri(Required(parse, options.MetadataUrl));
        var transport = new HttpRepositoryTransport(services.HttpClient, metadataUrl, targetBase is null ? metadataUrl : new Uri(targetBase));
        return new TufClient(transport, new DirectoryMetadataStore(Required(parse, options.MetadataDir)), TimeProvider.System,
            logger: services.Loggers.CreateLogger<TufClient>());
    }

    /// <summary>An earlier download with the trusted length and hashes is kept, as the protocol asks.</summary>
    private static bool IsCached(string path, TargetFile target)
    {
        if (!File.Exists(path) || new FileInfo(path).Length != target.Length)
        {
            return false;
        }

        try
        {
            FileHashes.Verify(path, File.ReadAllBytes(path), target.Length, target.Hashes, AttackKind.None);
            return true;
        }
        catch (LengthOrHashMismatchException)
        {
            return false;
        }
    }

    private static string Required(ParseResult parse, Option<string> option) =>
        parse.GetValue(option) is { Length: > 0 } value ? value : throw new ArgumentException($"{option.Name} is required.");

    private static async Task<int> Guard(CliOutput output, Func<Task> work)
    {
        try
        {
            await work();
            return 0;
        }
        catch (Exception e) when (e is TufException or IOException or UnauthorizedAccessException or ArgumentException or UriFormatException)
        {
            return output.Fail(e.Message);
        }
    }
}
