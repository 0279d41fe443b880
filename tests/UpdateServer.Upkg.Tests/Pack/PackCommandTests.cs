using System.Security.Cryptography;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Packages;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Pack;

public sealed class PackCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task BuildsAPackageThatVerifies()
    {
        var source = PackageSourceFolder.Create(_folder["src"], PackageSourceFolder.Template("acme.culture-platform", "2.1.0-beta.1+build.5"));

        var result = await UpkgHarness.RunAsync("pack", source, "--out", _folder["out/app.upkg"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        await using var package = File.OpenRead(_folder["out/app.upkg"]);
        var manifest = await PackageReader.VerifyAsync(package, TestContext.Current.CancellationToken);
        Assert.Equal("acme.culture-platform", manifest.Product);
        Assert.Equal("2.1.0-beta.1+build.5", manifest.Version.ToFullString());
        Assert.Equal(["payload/README.md", "payload/bin/app"], manifest.Files.Select(f => f.Path));
        Assert.Contains("acme.culture-platform", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder["out"], "*.partial-*"));
    }

    [Fact]
    public async Task GivesIdenticalBytesWhenPackedAgain()
    {
        var source = PackageSourceFolder.Create(_folder["src"], PackageSourceFolder.Template("acme.driver", "1.0.0", "driver"));

        await UpkgHarness.RunAsync("pack", source, "--out", _folder["first.upkg"]);
        File.SetLastWriteTimeUtc(Path.Combine(source, "payload", "README.md"), DateTime.UtcNow.AddDays(-3));
        await UpkgHarness.RunAsync("pack", source, "--out", _folder["second.upkg"]);

        Assert.Equal(File.ReadAllBytes(_folder["first.upkg"]), File.ReadAllBytes(_folder["second.upkg"]));
    }

    [Fact]
    public async Task ReportsProductVersionKindSizeAndHashAsJson()
    {
        var source = PackageSourceFolder.Create(_folder["src"], PackageSourceFolder.Template("acme.driver", "1.2.3", "driver"));

        var result = await UpkgHarness.RunAsync("pack", source, "--out", _folder["app.upkg"], "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        var bytes = File.ReadAllBytes(_folder["app.upkg"]);
        Assert.Equal("acme.driver", json["product"]!.GetValue<string>());
        Assert.Equal("1.2.3", json["version"]!.GetValue<string>());
        Assert.Equal("driver", json["kind"]!.GetValue<string>());
        Assert.Equal(bytes.Length, json["size"]!.GetValue<long>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), json["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReplacesAnEarlierPackageOfTheSameName()
    {
        var source = PackageSourceFolder.Create(_folder["src"], PackageSourceFolder.Template("acme.app", "1.0.0"));
        await File.WriteAllTextAsync(_folder["app.upkg"], "old", TestContext.Current.CancellationToken);

        var result = await UpkgHarness.RunAsync("pack", source, "--out", _folder["app.upkg"]);

        Assert.Equal(0, result.ExitCode);
        await using var package = File.OpenRead(_folder["app.upkg"]);
        await PackageReader.VerifyAsync(package, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("{\"product\": \"acme.app\", ", "JSON")]
    [InlineData("{\"product\": \"acme.app\", \"version\": \"2.0\", \"kind\": \"platform\"}", "version")]
    [InlineData("{\"product\": \"acme.app\", \"version\": \"v2.0.0\", \"kind\": \"platform\"}", "version")]
    [InlineData("{\"product\": \"Acme\", \"version\": \"2.0.0\", \"kind\": \"platform\"}", "product")]
    [InlineData("{\"product\": \"acme.app\", \"version\": \"2.0.0\", \"kind\": \"firmware\"}", "kind")]
    [InlineData("{\"product\": \"acme.app\", \"version\": \"2.0.0\", \"kind\": \"platform\", \"extra\": 1}", "extra")]
    public async Task RefusesAMalformedManifestTemplateWithOneLine(string template, string named)
    {
        var source = PackageSourceFolder.Create(_folder["src"], template);

        var result = await UpkgHarness.RunAsync("pack", source, "--out", _folder["app.upkg"]);

        var line = result.SingleErrorLine();
        Assert.Contains("upkg.json", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public async Task RefusesAFolderWithoutPayload()
    {
        Directory.CreateDirectory(_folder["src"]);
        await File.WriteAllTextAsync(_folder["src/upkg.json"], PackageSourceFolder.Template("acme.app", "1.0.0"), TestContext.Current.CancellationToken);

        var result = await UpkgHarness.RunAsync("pack", _folder["src"], "--out", _folder["app.upkg"]);

        Assert.Contains("payload", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["app.upkg"]));
    }

    [Fact]
    public async Task RefusesToWriteThePackageIntoItsOwnPayload()
    {
        var source = PackageSourceFolder.Create(_folder["src"], PackageSourceFolder.Template("acme.app", "1.0.0"));

        var result = await UpkgHarness.RunAsync("pack", source, "--out", Path.Combine(source, "payload", "self.upkg"));

        Assert.Contains("inside the folder", result.SingleErrorLine(), StringComparison.Ordinal);
    }
}
