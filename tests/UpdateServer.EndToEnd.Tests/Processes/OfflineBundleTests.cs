using System.Formats.Tar;
using System.Text.Json;
using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Bundles;
using UpdateServer.Packaging.Trust;
using UpdateServer.Updater.Bundles;
using UpdateServer.Updater.Updating;

namespace UpdateServer.EndToEnd.Tests.Processes;

/// <summary>
/// Offline bundles with real processes: <c>upkg bundle</c> against a running server, <c>updater apply --bundle</c> on machines
/// whose server address answers nothing. Each test publishes its own product, so tests share the server but no data.
/// </summary>
public sealed class OfflineBundleTests(ProcessRepository repository) : IClassFixture<ProcessRepository>
{
    /// <summary>Nothing listens on port 1: the machine has no server to reach.</summary>
    private const string UnreachableServer = "http://127.0.0.1:1/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BundleAppliesOnAMachineThatReachesNoServerAndQueuesTheReport()
    {
        const string product = "acme.bundle-offline";
        await PublishAsync(product, "1.0.0", "2.0.0");
        var bundle = await repository.BundleAsync($"{product}@1.0.0", $"{product}@2.0.0");
        var config = OfflineMachine(product);

        var applied = await Apps.RunAsync(Apps.Updater, "apply", "--bundle", bundle, "--config", config);

        ProcessRepository.Succeeded(applied);
        var install = InstallFolder(config, product);
        Assert.Equal(Path.Combine("versions", "2.0.0"), new FileInfo(Path.Combine(install, "current")).LinkTarget);
        InstalledTree.AssertSameTree(Path.Combine(Apps.Samples, "culture-platform", "2.0.0", "payload"), Path.Combine(install, "current"));
        Assert.Equal("2.0.0", await InstalledVersionAsync(config, product));
        var report = Assert.Single(Directory.GetFiles(Path.Combine(MachineData(config), "reports"), "*.json"));
        var queued = JsonDocument.Parse(await File.ReadAllBytesAsync(report, Ct)).RootElement;
        Assert.Equal("succeeded", queued.GetProperty("outcome").GetString());
        Assert.Equal("2.0.0", queued.GetProperty("toVersion").GetString());
    }

    [Fact]
    public async Task BundleOlderThanWhatIsInstalledIsRefusedAndChangesNothing()
    {
        const string product = "acme.bundle-older";
        await PublishAsync(product, "1.0.0", "2.0.0");
        var older = await repository.BundleAsync($"{product}@1.0.0");
        var config = repository.Machine(product);
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Updater, "apply", "--config", config));
        Assert.Equal("2.0.0", await InstalledVersionAsync(config, product));

        var result = await Apps.RunAsync(Apps.Updater, "apply", "--bundle", older, "--config", config);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("updater: ", line, StringComparison.Ordinal);
        Assert.Contains("cannot downgrade", line, StringComparison.Ordinal);
        Assert.Equal(Path.Combine("versions", "2.0.0"), new FileInfo(Path.Combine(InstallFolder(config, product), "current")).LinkTarget);
    }

    [Fact]
    public async Task BundleWithAnOlderAndANewerReleaseInstallsTheNewerAndNamesTheOlder()
    {
        const string older = "acme.bundle-mixed-older";
        const string newer = "acme.bundle-mixed-newer";
        await PublishAsync(older, "1.0.0", "2.0.0");
        await PublishAsync(newer, "1.0.0");
        var config = repository.Machine(older);
        File.WriteAllText(config, File.ReadAllText(config).Replace($"[\"{older}\"]", $"[\"{older}\", \"{newer}\"]", StringComparison.Ordinal));
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Updater, "apply", "--config", config));
        await PublishAsync(newer, "2.0.0");
        var bundle = await repository.BundleAsync($"{older}@1.0.0", $"{newer}@2.0.0");

        var result = await Apps.RunAsync(Apps.Updater, "apply", "--bundle", bundle, "--config", config);

        ProcessRepository.Succeeded(result);
        Assert.Equal("2.0.0", await InstalledVersionAsync(config, newer));
        Assert.Equal("2.0.0", await InstalledVersionAsync(config, older));
        Assert.Contains($"held back: {older} 1.0.0: older than the installed {older} 2.0.0; a bundle cannot downgrade a machine", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BundleWhoseMetadataIsOlderThanTrustedIsRefused()
    {
        const string product = "acme.bundle-stale";
        await PublishAsync(product, "1.0.0");
        var stale = await repository.BundleAsync($"{product}@1.0.0");
        await PublishAsync(product, "2.0.0");
        var config = repository.Machine(product);
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Updater, "check", "--config", config));

        var result = await Apps.RunAsync(Apps.Updater, "apply", "--bundle", stale, "--config", config);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("rollback", line, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(InstallFolder(config, product)));
    }

    [Fact]
    public async Task BundleWithExpiredMetadataIsRefusedWhereTheSameBundleInTimeApplies()
    {
        const string product = "acme.bundle-expired";
        await PublishAsync(product, "1.0.0");
        var bundle = await repository.BundleAsync($"{product}@1.0.0");
        var root = await File.ReadAllBytesAsync(repository.TrustedRoot, Ct);
        using var late = new InProcessUpdater(new Uri(UnreachableServer), root, DateTimeOffset.UtcNow.AddDays(45), product);
        using var inTime = new InProcessUpdater(new Uri(UnreachableServer), root, DateTimeOffset.UtcNow, product);

        var refused = await Assert.ThrowsAsync<BundleRefusedException>(() => late.Runner.ApplyBundleAsync(bundle, null, Ct));
        var (_, results) = await inTime.Runner.ApplyBundleAsync(bundle, null, Ct);

        Assert.IsType<ExpiredMetadataException>(refused.InnerException);
        Assert.False(Directory.Exists(Path.Combine(late.InstallRoot, product)));
        Assert.Equal(ApplyOutcomes.Succeeded, Assert.Single(results).Outcome);
    }

    [Theory]
    [InlineData("timestamp.json", "the bundle's metadata is refused")]
    [InlineData(".snapshot.json", "snapshot")]
    [InlineData(".acme.json", "acme")]
    [InlineData(".upkg", "does not match its signed metadata")]
    public async Task BundleWithOneChangedByteIsRefusedAndNothingIsInstalled(string entryEnding, string named)
    {
        var product = $"acme.bundle-byte-{entryEnding.Trim('.').Replace(".json", "", StringComparison.Ordinal).Replace('.', '-')}";
        await PublishAsync(product, "1.0.0");
        var bundle = await repository.BundleAsync($"{product}@1.0.0");
        await FlipOneByteAsync(bundle, entryEnding);
        var config = OfflineMachine(product);

        var result = await Apps.RunAsync(Apps.Updater, "apply", "--bundle", bundle, "--config", config);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("updater: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(InstallFolder(config, product), "versions", "1.0.0")));
        Assert.False(File.Exists(Path.Combine(MachineData(config), "state.json"))
            && (await File.ReadAllTextAsync(Path.Combine(MachineData(config), "state.json"), Ct)).Contains(product, StringComparison.Ordinal));
    }

    /// <summary>
    /// <c>bundle.json</c> is not signed: an index rewritten to name a release no signed metadata lists, or a signed release
    /// whose package the bundle does not carry, refuses the bundle before anything is installed.
    /// </summary>
    [Theory]
    [InlineData("unlisted", "no metadata trusted for that path lists")]
    [InlineData("not carried", "2.0.0")]
    public async Task BundleWhoseIndexWasRewrittenIsRefusedAndNothingIsInstalled(string rewrite, string named)
    {
        var product = $"acme.bundle-index-{rewrite.Replace(' ', '-')}";
        await PublishAsync(product, "1.0.0", "2.0.0");
        var bundle = await repository.BundleAsync($"{product}@1.0.0");
        var version = rewrite == "unlisted" ? "9.9.9" : "2.0.0";
        await ReplaceIndexAsync(bundle, new BundleIndex(BundleIndex.CurrentFormat, [$"acme/{product}-1.0.0.upkg", $"acme/{product}-{version}.upkg"]));
        var config = OfflineMachine(product);

        var result = await Apps.RunAsync(Apps.Updater, "apply", "--bundle", bundle, "--config", config);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("updater: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(InstallFolder(config, product), "versions")));
        Assert.False(File.Exists(Path.Combine(InstallFolder(config, product), "current")));
    }

    [Fact]
    public async Task BundleFromALocalRepositoryFolderIsByteForByteTheBundleFromTheServer()
    {
        const string product = "acme.bundle-local";
        await PublishAsync(product, "1.0.0");
        var fromServer = await repository.BundleAsync($"{product}@1.0.0");
        var mirror = Directory.CreateDirectory(Path.Combine(repository.Folder, "mirrors", Guid.NewGuid().ToString("N"))).FullName;
        await TarFile.ExtractToDirectoryAsync(fromServer, mirror, overwriteFiles: false, Ct);
        var fromFolder = Path.Combine(repository.Folder, "bundles", Guid.NewGuid().ToString("N") + ".bundle");

        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Upkg, "bundle", $"{product}@1.0.0", "--repository", mirror,
            "--root", repository.TrustedRoot, "--out", fromFolder));

        Assert.Equal(await File.ReadAllBytesAsync(fromServer, Ct), await File.ReadAllBytesAsync(fromFolder, Ct));
    }

    [Theory]
    [InlineData("acme.bundle-unpublished@9.9.9", "--server", 1, "is not published")]
    [InlineData("not-a-release", "--server", 2, "is not PRODUCT@VERSION")]
    [InlineData("acme.bundle-unpublished@1.0", "--server", 2, "is not PRODUCT@VERSION")]
    [InlineData("acme.bundle-unpublished@1.0.0", "--no-source", 2, "exactly one of --server and --repository")]
    public async Task BundleCommandRefusalsPrintOneLine(string release, string source, int exitCode, string expected)
    {
        if (source == "--server")
        {
            // The vendor has published something, whichever test ran first, so its metadata exists and lacks this release.
            await PublishAsync("acme.bundle-published", "1.0.0");
        }

        string[] from = source == "--server" ? ["--server", repository.Server.Url.AbsoluteUri] : [];
        var result = await Apps.RunAsync(Apps.Upkg, ["bundle", release, .. from, "--root", repository.TrustedRoot,
            "--out", Path.Combine(repository.Folder, Guid.NewGuid().ToString("N"))]);

        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("upkg: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyOfAFileThatIsNotABundleIsRefusedInOneLine()
    {
        var config = OfflineMachine("acme.bundle-garbage");
        var garbage = Path.Combine(repository.Folder, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(garbage, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))], Ct);

        var result = await Apps.RunAsync(Apps.Updater, "apply", "--bundle", garbage, "--config", config);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("updater: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(MachineData(config), "bundles")) && Directory.EnumerateFileSystemEntries(Path.Combine(MachineData(config), "bundles")).Any());
    }

    private async Task PublishAsync(string product, params string[] versions)
    {
        foreach (var version in versions)
        {
            ProcessRepository.Succeeded(await repository.PublishAsync(await repository.PackAsync($"culture-platform/{version}", product)));
        }
    }

    /// <summary>A machine configured for <paramref name="product"/> whose server address answers nothing.</summary>
    private string OfflineMachine(string product)
    {
        var config = repository.Machine(product);
        File.WriteAllText(config, File.ReadAllText(config).Replace(repository.Server.Url.ToString(), UnreachableServer, StringComparison.Ordinal));
        return config;
    }

    /// <summary>Flips one byte in the middle of the data of the entry whose name ends with <paramref name="entryEnding"/>.</summary>
    private static async Task FlipOneByteAsync(string bundle, string entryEnding)
    {
        byte[]? content = null;
        await using (var reader = new TarReader(File.OpenRead(bundle)))
        {
            while (await reader.GetNextEntryAsync(copyData: true, Ct) is { } entry)
            {
                if (entry.Name.EndsWith(entryEnding, StringComparison.Ordinal))
                {
                    using var buffer = new MemoryStream();
                    await entry.DataStream!.CopyToAsync(buffer, Ct);
                    content = buffer.ToArray();
                }
            }
        }

        Assert.NotNull(content);
        var bytes = await File.ReadAllBytesAsync(bundle, Ct);
        var offset = bytes.AsSpan().IndexOf(content);
        Assert.True(offset > 0);
        bytes[offset + (content.Length / 2)] ^= 0x01;
        await File.WriteAllBytesAsync(bundle, bytes, Ct);
    }

    /// <summary>Rewrites <paramref name="bundle"/> with <paramref name="index"/> as its <c>bundle.json</c>, every other entry as it was.</summary>
    private static async Task ReplaceIndexAsync(string bundle, BundleIndex index)
    {
        using var rewritten = new MemoryStream();
        await using (var reader = new TarReader(File.OpenRead(bundle)))
        await using (var writer = new TarWriter(rewritten, TarEntryFormat.Pax, leaveOpen: true))
        {
            while (await reader.GetNextEntryAsync(copyData: true, Ct) is { } entry)
            {
                if (entry.Name == BundleLayout.IndexName)
                {
                    entry.DataStream = new MemoryStream(index.ToBytes());
                }

                await writer.WriteEntryAsync(entry, Ct);
            }
        }

        await File.WriteAllBytesAsync(bundle, rewritten.ToArray(), Ct);
    }

    private static string MachineData(string config) => Path.Combine(Path.GetDirectoryName(config)!, "data");

    private static string InstallFolder(string config, string product) => Path.Combine(Path.GetDirectoryName(config)!, "install", product);

    private static async Task<string?> InstalledVersionAsync(string config, string product)
    {
        var status = await Apps.RunAsync(Apps.Updater, "status", "--config", config, "--json");
        ProcessRepository.Succeeded(status);
        return JsonDocument.Parse(status.Stdout).RootElement.GetProperty("products").GetProperty(product).GetProperty("version").GetString();
    }
}
