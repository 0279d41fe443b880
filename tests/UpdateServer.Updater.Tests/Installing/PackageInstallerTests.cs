using System.Text.Json.Nodes;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;
using UpdateServer.Packaging.Versions;
using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Installing;

namespace UpdateServer.Updater.Tests.Installing;

public sealed class PackageInstallerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly HookRunner Hooks = new(TimeSpan.FromSeconds(30));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task InstallsThePayloadAndSwitchesCurrent()
    {
        var package = await BuildAsync("acme.a", "1.0.0");
        var layout = new InstallLayout(Path.Combine(_folder.Path, "install"));

        await new TestInstaller(layout, Hooks).InstallAsync(Facts("acme.a", "1.0.0"), package, Ct);

        Assert.Equal("1.0.0", CurrentLink.Read(layout.ProductDirectory("acme.a")));
        Assert.Equal("acme.a 1.0.0", await File.ReadAllTextAsync(Path.Combine(layout.CurrentLink("acme.a"), "app.txt"), Ct));
        Assert.True(File.Exists(Path.Combine(layout.PackageDirectory("acme.a", "1.0.0"), "manifest.json")));
    }

    [Theory]
    [InlineData("acme.b", "1.0.0", "product")]
    [InlineData("acme.a", "1.0.1", "version")]
    public async Task RefusesAPackageThatIsNotWhatItsSignedTargetSays(string product, string version, string difference)
    {
        var package = await BuildAsync("acme.a", "1.0.0");
        var layout = new InstallLayout(Path.Combine(_folder.Path, "install"));

        var error = await Assert.ThrowsAsync<PackageFactsMismatchException>(() =>
            new TestInstaller(layout, Hooks).InstallAsync(Facts(product, version), package, Ct));

        Assert.Contains(difference, error.Message, StringComparison.Ordinal);
        Assert.Null(CurrentLink.Read(layout.ProductDirectory(product)));
        Assert.Empty(Directory.GetFileSystemEntries(layout.ProductDirectory(product)));
    }

    [Fact]
    public async Task LeavesTheCurrentVersionAloneWhenAPackageIsCorrupt()
    {
        var layout = new InstallLayout(Path.Combine(_folder.Path, "install"));
        var installer = new TestInstaller(layout, Hooks);
        await installer.InstallAsync(Facts("acme.a", "1.0.0"), await BuildAsync("acme.a", "1.0.0"), Ct);
        var corrupt = await BuildAsync("acme.a", "2.0.0");
        var bytes = await File.ReadAllBytesAsync(corrupt, Ct);
        await File.WriteAllBytesAsync(corrupt, bytes[..(bytes.Length / 2)], Ct);

        await Assert.ThrowsAnyAsync<PackageException>(() => installer.InstallAsync(Facts("acme.a", "2.0.0"), corrupt, Ct));

        Assert.Equal("1.0.0", CurrentLink.Read(layout.ProductDirectory("acme.a")));
        Assert.Equal(["current", "packages", "versions"], Directory.GetFileSystemEntries(layout.ProductDirectory("acme.a")).Select(Path.GetFileName).Order());
        Assert.False(Directory.Exists(layout.VersionDirectory("acme.a", "2.0.0")));
    }

    private static ReleaseFacts Facts(string product, string version) =>
        new() { Product = product, Version = StrictVersion.Parse(version), Kind = ProductKinds.Platform };

    private async Task<string> BuildAsync(string product, string version)
    {
        var source = Path.Combine(_folder.Path, "src-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(source, "payload"));
        await File.WriteAllTextAsync(Path.Combine(source, "upkg.json"),
            new JsonObject { ["product"] = product, ["version"] = version, ["kind"] = "platform" }.ToJsonString(), Ct);
        await File.WriteAllTextAsync(Path.Combine(source, "payload", "app.txt"), $"{product} {version}", Ct);
        var output = Path.Combine(_folder.Path, $"{product}-{version}-{Guid.NewGuid():N}.upkg");
        await using (var stream = File.Create(output))
        {
            await PackageBuilder.WriteAsync(source, stream, Ct);
        }

        return output;
    }
}
