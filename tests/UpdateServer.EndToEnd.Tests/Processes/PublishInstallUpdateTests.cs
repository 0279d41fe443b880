using System.Text.Json;
using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.EndToEnd.Tests.Processes;

/// <summary>The foundation's promise with real processes: upkg publishes, the server serves, the updater installs and updates.</summary>
public sealed class PublishInstallUpdateTests(ProcessRepository repository) : IClassFixture<ProcessRepository>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishInstallPublishUpdateLeavesVersionTwoByteForByte()
    {
        const string product = "acme.culture-platform";
        var config = repository.Machine(product);
        var install = Path.Combine(Path.GetDirectoryName(config)!, "install", product);

        ProcessRepository.Succeeded(await repository.PublishAsync(await repository.PackAsync("culture-platform/1.0.0")));
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Updater, "apply", "--config", config));

        Assert.Equal(Path.Combine("versions", "1.0.0"), new FileInfo(Path.Combine(install, "current")).LinkTarget);
        InstalledTree.AssertSameTree(Path.Combine(Apps.Samples, "culture-platform", "1.0.0", "payload"), Path.Combine(install, "current"));

        ProcessRepository.Succeeded(await repository.PublishAsync(await repository.PackAsync("culture-platform/2.0.0")));
        var check = await Apps.RunAsync(Apps.Updater, "check", "--config", config, "--json");
        ProcessRepository.Succeeded(check);
        Assert.Equal("2.0.0", JsonDocument.Parse(check.Stdout).RootElement.GetProperty("steps")[0].GetProperty("version").GetString());
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Updater, "apply", "--config", config));

        Assert.Equal(Path.Combine("versions", "2.0.0"), new FileInfo(Path.Combine(install, "current")).LinkTarget);
        InstalledTree.AssertSameTree(Path.Combine(Apps.Samples, "culture-platform", "2.0.0", "payload"), Path.Combine(install, "current"));
        InstalledTree.AssertSameTree(Path.Combine(Apps.Samples, "culture-platform", "1.0.0", "payload"), Path.Combine(install, "versions", "1.0.0"));
        var status = await Apps.RunAsync(Apps.Updater, "status", "--config", config, "--json");
        Assert.Equal("2.0.0", JsonDocument.Parse(status.Stdout).RootElement.GetProperty("products").GetProperty(product).GetProperty("version").GetString());
    }

    [Fact]
    public async Task ConformanceProtocolStoresExactlyTheServedMetadataAndDownloadsTargets()
    {
        const string product = "acme.conformance-probe";
        var package = await repository.PackAsync("culture-platform/1.0.0", product);
        ProcessRepository.Succeeded(await repository.PublishAsync(package));
        var client = Directory.CreateDirectory(Path.Combine(repository.Folder, "conformance", Guid.NewGuid().ToString("N"))).FullName;
        var metadataDir = Path.Combine(client, "metadata");
        var metadataUrl = new Uri(repository.Server.Url, "tuf/metadata/").AbsoluteUri;
        var targetsUrl = new Uri(repository.Server.Url, "tuf/targets/").AbsoluteUri;

        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Updater, "--metadata-dir", metadataDir, "init", repository.TrustedRoot));
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Updater, "--metadata-dir", metadataDir, "--metadata-url", metadataUrl, "refresh"));
        var target = $"acme/{product}-1.0.0.upkg";
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Updater, "--metadata-dir", metadataDir, "--metadata-url", metadataUrl,
            "--target-name", target, "--target-base-url", targetsUrl, "--target-dir", Path.Combine(client, "targets"), "download"));
        var missing = await Apps.RunAsync(Apps.Updater, "--metadata-dir", metadataDir, "--metadata-url", metadataUrl,
            "--target-name", "acme/nothing-here.upkg", "--target-base-url", targetsUrl, "--target-dir", Path.Combine(client, "targets"), "download");

        Assert.Equal(["acme.json", "root.json", "snapshot.json", "targets.json", "timestamp.json"],
            Directory.GetFiles(metadataDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var http = new HttpClient { BaseAddress = new Uri(metadataUrl) };
        var timestamp = Metadata.FromBytes<TimestampMetadata>(await File.ReadAllBytesAsync(Path.Combine(metadataDir, "timestamp.json"), Ct));
        Assert.Equal(await http.GetByteArrayAsync($"{timestamp.Signed.SnapshotMeta.Version}.snapshot.json", Ct), await File.ReadAllBytesAsync(Path.Combine(metadataDir, "snapshot.json"), Ct));
        Assert.Equal(await File.ReadAllBytesAsync(package, Ct), await File.ReadAllBytesAsync(Path.Combine(client, "targets", Uri.EscapeDataString(target)), Ct));
        Assert.Equal(1, missing.ExitCode);
    }
}
