using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Packages;

namespace UpdateServer.Packaging.Tests.Packages;

public sealed class PackageRoundTripTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BuildsVerifiesAndExtractsEveryFileByteForByte()
    {
        using var temp = new TempFolder();
        var source = PackageSamples.CreateSource(temp);
        var package = new MemoryStream();

        var built = await PackageBuilder.WriteAsync(source, package, Token);
        package.Position = 0;
        var verified = await PackageReader.VerifyAsync(package, Token);
        package.Position = 0;
        var destination = temp.Join("installed");
        var extracted = await PackageExtractor.ExtractAsync(package, destination, Token);

        Assert.Equal(built.ToUtf8Bytes(), verified.ToUtf8Bytes());
        Assert.Equal(built.ToUtf8Bytes(), extracted.ToUtf8Bytes());
        foreach (var (path, content, _) in PackageSamples.Files)
        {
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Join(destination, path), Token));
        }
    }

    [Fact]
    public async Task ExtractsExactlyTheListedEntriesAndNoManifestOrEmptyFolder()
    {
        using var temp = new TempFolder();
        var package = await BuildSampleAsync(temp);
        var destination = temp.Join("installed");

        await PackageExtractor.ExtractAsync(package, destination, Token);

        var extractedFilesAndLinks = TempFolder.ListTree(destination, includeFolders: false);
        var expected = PackageSamples.Files.Select(file => file.Path).Concat(PackageSamples.Links.Select(link => link.Path)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, extractedFilesAndLinks);
        Assert.False(Directory.Exists(Path.Join(destination, "payload/empty-folder")));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task SetsModesFromTheExecutableFlag()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var temp = new TempFolder();
        var package = await BuildSampleAsync(temp);
        var destination = temp.Join("installed");

        await PackageExtractor.ExtractAsync(package, destination, Token);

        foreach (var (path, _, executable) in PackageSamples.Files)
        {
            Assert.Equal(executable ? PackageSamples.Mode755 : PackageSamples.Mode644, File.GetUnixFileMode(Path.Join(destination, path)));
        }
    }

    [Fact]
    public async Task RecreatesSymlinksPointingInsideThePayload()
    {
        using var temp = new TempFolder();
        var package = await BuildSampleAsync(temp);
        var destination = temp.Join("installed");

        await PackageExtractor.ExtractAsync(package, destination, Token);

        var current = new DirectoryInfo(Path.Join(destination, "payload/lib/current"));
        Assert.Equal("v1", current.LinkTarget);
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Join(destination, "payload/lib/v1/libacme.so"), Token),
            await File.ReadAllBytesAsync(Path.Join(destination, "payload/lib/current/libacme.so"), Token));
        Assert.Equal("app", new FileInfo(Path.Join(destination, "payload/bin/app-current")).LinkTarget);
    }

    [Fact]
    public async Task ManifestDescribesTheSourceExactly()
    {
        using var temp = new TempFolder();
        var package = await BuildSampleAsync(temp);

        var manifest = await PackageReader.ReadManifestAsync(package, Token);

        Assert.Equal("acme.culture-platform", manifest.Product);
        Assert.Equal("2.0.0-rc.1+build.7", manifest.Version.ToFullString());
        Assert.Equal(PackageKind.Platform, manifest.Kind);
        Assert.Equal("Culture platform", manifest.Description);
        Assert.Equal(new PackageHooks { PreInstall = "hooks/pre-install.sh", HealthCheck = "hooks/health.sh" }, manifest.Hooks);
        Assert.Equal(2048, manifest.Applicability!["minimum"]!["ram"]!.GetValue<long>());
        foreach (var (path, content, executable) in PackageSamples.Files)
        {
            Assert.True(manifest.TryGetEntry(path, out var entry), path);
            Assert.Equal(PackageSamples.FileEntry(path, content, executable), entry);
        }

        Assert.True(manifest.TryGetEntry("payload/lib/current", out var link));
        Assert.Equal(PackageFileEntry.ForSymlink("payload/lib/current", "v1"), link);
    }

    [Fact]
    public async Task ManifestOnlyReadStopsAfterTheFirstEntry()
    {
        using var temp = new TempFolder();
        var package = await BuildSampleAsync(temp);
        var truncated = new MemoryStream(package.ToArray()[..(int)(package.Length / 2)]);

        var manifest = await PackageReader.ReadManifestAsync(truncated, Token);

        Assert.Equal(PackageSamples.Files.Count + PackageSamples.Links.Count, manifest.Files.Count);
    }

    [Fact]
    public async Task ExtractsIntoAnExistingEmptyFolder()
    {
        using var temp = new TempFolder();
        var package = await BuildSampleAsync(temp);
        var destination = Directory.CreateDirectory(temp.Join("installed")).FullName;

        await PackageExtractor.ExtractAsync(package, destination, Token);

        Assert.True(File.Exists(Path.Join(destination, "payload/bin/app")));
    }

    [Fact]
    public void ApplicabilityIsKeptVerbatimAndCannotBeChangedFromOutside()
    {
        var applicability = new JsonObject { ["models"] = new JsonArray("x1"), ["note"] = "kept" };
        var manifest = new PackageManifest(
            "acme.test", NuGet.Versioning.NuGetVersion.Parse("1.0.0"), PackageKind.Driver, [], applicability: applicability);

        applicability["note"] = "changed";
        manifest.Applicability!["note"] = "changed too";

        Assert.Equal("""{"models":["x1"],"note":"kept"}""", manifest.Applicability!.ToJsonString());
    }

    private static async Task<MemoryStream> BuildSampleAsync(TempFolder temp)
    {
        var package = new MemoryStream();
        await PackageBuilder.WriteAsync(PackageSamples.CreateSource(temp), package, Token);
        package.Position = 0;
        return package;
    }
}
