using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.EndToEnd.Tests.Processes;

/// <summary>Bad input to the real CLIs: one clear line on stderr, a non-zero exit, and nothing published or installed.</summary>
public sealed class CommandLineRefusalTests(ProcessRepository repository) : IClassFixture<ProcessRepository>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishWithAWrongApiKeyIsRefusedAndPublishesNothing()
    {
        var before = await TimestampVersionAsync();
        var package = await repository.PackAsync("culture-platform/1.0.0", "acme.wrong-key-probe");
        var wrongKey = Path.Combine(repository.Folder, "wrong-api-key.txt");
        await File.WriteAllTextAsync(wrongKey, "usk_not-the-key", Ct);

        var result = await repository.PublishAsync(package, wrongKey);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("upkg: publish refused:", line, StringComparison.Ordinal);
        Assert.Contains("urn:updateserver:problem:invalid-api-key", line, StringComparison.Ordinal);
        Assert.Equal(before, await TimestampVersionAsync());
    }

    [Fact]
    public async Task PublishOfAPackageWithOneChangedByteIsRefusedBeforeUpload()
    {
        var before = await TimestampVersionAsync();
        var package = await repository.PackAsync("culture-platform/1.0.0", "acme.changed-byte-probe");
        var bytes = await File.ReadAllBytesAsync(package, Ct);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(package, bytes, Ct);

        var result = await repository.PublishAsync(package);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("upkg: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(before, await TimestampVersionAsync());
    }

    [Theory]
    [InlineData("{ \"product\": \"acme.x\", ")]
    [InlineData("{ \"product\": \"acme.x\", \"version\": \"1.0\", \"kind\": \"platform\" }")]
    [InlineData("{ \"product\": \"acme.x\", \"version\": \"1.0.0\", \"kind\": \"firmware\" }")]
    public async Task PackOfAMalformedManifestPrintsOneLineAndWritesNothing(string template)
    {
        var source = Directory.CreateDirectory(Path.Combine(repository.Folder, "bad-sources", Guid.NewGuid().ToString("N"))).FullName;
        Directory.CreateDirectory(Path.Combine(source, "payload"));
        await File.WriteAllTextAsync(Path.Combine(source, "upkg.json"), template, Ct);
        var output = Path.Combine(repository.Folder, "bad-" + Guid.NewGuid().ToString("N") + ".upkg");

        var result = await Apps.RunAsync(Apps.Upkg, "pack", source, "--out", output);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("upkg: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(repository.Folder, "bad-*"));
    }

    [Fact]
    public async Task PackOfAPayloadWithALinkOutsideIsRefused()
    {
        var source = Directory.CreateDirectory(Path.Combine(repository.Folder, "bad-sources", Guid.NewGuid().ToString("N"))).FullName;
        Directory.CreateDirectory(Path.Combine(source, "payload"));
        await File.WriteAllTextAsync(Path.Combine(source, "upkg.json"), "{ \"product\": \"acme.x\", \"version\": \"1.0.0\", \"kind\": \"platform\" }", Ct);
        File.CreateSymbolicLink(Path.Combine(source, "payload", "passwd"), "../../../../etc/passwd");

        var result = await Apps.RunAsync(Apps.Upkg, "pack", source, "--out", Path.Combine(source, "..", "link.upkg"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("upkg: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyOfATargetCorruptedOnTheServerFailsAndInstallsNothing()
    {
        const string product = "acme.corrupted-probe";
        var package = await repository.PackAsync("culture-platform/1.0.0", product);
        ProcessRepository.Succeeded(await repository.PublishAsync(package));
        var blob = "targets/" + FileHashes.Sha256Hex(await File.ReadAllBytesAsync(package, Ct));
        var bytes = await repository.Server.Backend.ReadBlobAsync(blob, Ct);
        bytes[bytes.Length / 3] ^= 0x40;
        await repository.Server.Backend.OverwriteBlobAsync(blob, bytes, Ct);
        var config = repository.Machine(product);

        var result = await Apps.RunAsync(Apps.Updater, "apply", "--config", config);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("updater: ", line, StringComparison.Ordinal);
        Assert.Contains("sha256", line, StringComparison.Ordinal);
        Assert.False(Path.Exists(Path.Combine(Path.GetDirectoryName(config)!, "install", product, "current")));
    }

    [Fact]
    public async Task ApplyWithAnotherRepositorysRootTrustsNothing()
    {
        const string product = "acme.foreign-root-probe";
        ProcessRepository.Succeeded(await repository.PublishAsync(await repository.PackAsync("culture-platform/1.0.0", product)));
        var config = repository.Machine(product);
        var foreign = Path.Combine(repository.Folder, "foreign");
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Upkg, "keygen", "--out", Path.Combine(foreign, "root")));
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Upkg, "keygen", "--out", Path.Combine(foreign, "targets")));
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Upkg, "repo", "init", "--out", Path.Combine(foreign, "repo"),
            "--root-key", Path.Combine(foreign, "root.key"), "--targets-key", Path.Combine(foreign, "targets.key"),
            "--vendor", $"acme={Path.Combine(repository.Folder, "keys", "acme.pub.json")}"));
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config, Ct)).Replace(repository.TrustedRoot,
            Path.Combine(foreign, "repo", "trusted-root.json"), StringComparison.Ordinal), Ct);

        var result = await Apps.RunAsync(Apps.Updater, "apply", "--config", config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("valid signature", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(Path.Exists(Path.Combine(Path.GetDirectoryName(config)!, "install", product)));
    }

    [Theory]
    [InlineData("{ \"serverUrl\": ")]
    [InlineData("{ \"serverUrl\": \"http://127.0.0.1:1\" }")]
    public async Task UpdaterWithABadConfigurationPrintsOneLine(string json)
    {
        var config = Path.Combine(repository.Folder, "bad-config-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(config, json, Ct);

        var result = await Apps.RunAsync(Apps.Updater, "apply", "--config", config);

        File.Delete(config);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(config, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommandIsAUsageError()
    {
        var result = await Apps.RunAsync(Apps.Updater, "explode");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("updater: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyOfABundleWithDownloadOnlyIsAUsageErrorAndTouchesNothing()
    {
        var config = repository.Machine("acme.bundle-download-only");
        var bundle = Path.Combine(repository.Folder, "never-read.bundle");

        var result = await Apps.RunAsync(Apps.Updater, "apply", "--bundle", bundle, "--download-only", "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot be combined with --download-only", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(config)!, "data")));
    }

    private async Task<long> TimestampVersionAsync()
    {
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(new Uri(repository.Server.Url, "tuf/metadata/timestamp.json"), Ct);
        return Metadata.FromBytes<TimestampMetadata>(bytes).Signed.Version;
    }
}
