using System.Security.Cryptography;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Publish;

/// <summary>What <c>upkg publish</c> signs and sends when everything is in order.</summary>
public sealed class PublishCommandTests : IDisposable
{
    private readonly PublishTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task FirstPublishSendsVersionOneSignedByTheVendorKeyWithThePackage()
    {
        var package = await _bed.PackAsync("app", "acme.culture-platform", "2.1.0-beta.1+build.5", applicability: """{"os": ["linux"], "arch": ["x64", "arm64"]}""");

        var result = await _bed.PublishAsync(package);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        var publish = Assert.Single(_bed.Server.Publishes);
        Assert.Equal(PublishTestBed.Vendor, publish.Vendor);
        Assert.Equal("Bearer " + FakeUpdateServer.ApiKey, publish.Authorization);
        Assert.Equal(["metadata", "package"], publish.Parts.Select(p => p.Name));
        Assert.Equal("application/json", publish.Parts[0].ContentType);
        Assert.Equal("application/octet-stream", publish.Parts[1].ContentType);
        Assert.Equal("app.upkg", publish.Parts[1].FileName);
        var bytes = File.ReadAllBytes(package);
        Assert.Equal(bytes, publish.Parts[1].Body);

        var metadata = Metadata.FromBytes<TargetsMetadata>(publish.Parts[0].Body);
        _bed.AssertSignedByVendor(metadata);
        Assert.Equal(1, metadata.Signed.Version);
        Assert.Null(metadata.Signed.Delegations);
        var now = UpkgHarness.Now.AddMilliseconds(-UpkgHarness.Now.Millisecond);
        Assert.Equal(now.AddDays(90), metadata.Signed.Expires);
        var (path, target) = Assert.Single(metadata.Signed.Targets);
        Assert.Equal("acme/acme.culture-platform-2.1.0-beta.1+build.5.upkg", path);
        Assert.Equal(bytes.Length, target.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), target.Sha256);
        var facts = ReleaseFacts.FromCustom(target.Custom);
        Assert.Equal("acme.culture-platform", facts.Product);
        Assert.Equal("2.1.0-beta.1+build.5", facts.Version.ToFullString());
        Assert.Equal(ProductKinds.Platform, facts.Kind);
        Assert.Equal("stable", facts.Channel);
        Assert.Equal(["linux"], facts.OperatingSystems);
        Assert.Equal(["x64", "arm64"], facts.Architectures);
        Assert.False(facts.Mandatory);
    }

    [Fact]
    public async Task SecondPublishKeepsEarlierTargetsAndBumpsTheVersion()
    {
        var first = await _bed.PackAsync("first", "acme.app", "1.0.0");
        var second = await _bed.PackAsync("second", "acme.app", "1.1.0", payload: "newer");
        await _bed.PublishAsync(first);

        var result = await _bed.PublishAsync(second);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, _bed.Server.Publishes.Count);
        var publish = _bed.Server.Publishes[1];
        Assert.Equal(["metadata", "package"], publish.Parts.Select(p => p.Name));
        Assert.Equal("second.upkg", publish.Parts[1].FileName);
        var metadata = Metadata.FromBytes<TargetsMetadata>(publish.Parts[0].Body);
        _bed.AssertSignedByVendor(metadata);
        Assert.Equal(2, metadata.Signed.Version);
        Assert.Equal(["acme/acme.app-1.0.0.upkg", "acme/acme.app-1.1.0.upkg"], metadata.Signed.Targets.Keys.Order(StringComparer.Ordinal));
        var earlier = Metadata.FromBytes<TargetsMetadata>(_bed.Server.Publishes[0].Parts[0].Body).Signed.Targets["acme/acme.app-1.0.0.upkg"];
        Assert.Equal(earlier, metadata.Signed.Targets["acme/acme.app-1.0.0.upkg"], TargetComparer);
    }

    [Fact]
    public async Task PublishesSeveralPackagesInOneUpload()
    {
        var platform = await _bed.PackAsync("platform", "acme.app", "1.0.0");
        var driver = await _bed.PackAsync("driver", "acme.gpu-driver", "3.0.0", kind: "driver");

        var result = await _bed.PublishAsync(platform, driver);

        Assert.Equal(0, result.ExitCode);
        var publish = Assert.Single(_bed.Server.Publishes);
        Assert.Equal(["metadata", "package", "package"], publish.Parts.Select(p => p.Name));
        var targets = Metadata.FromBytes<TargetsMetadata>(publish.Parts[0].Body).Signed.Targets;
        Assert.Equal(ProductKinds.Driver, ReleaseFacts.FromCustom(targets["acme/acme.gpu-driver-3.0.0.upkg"].Custom).Kind);
    }

    [Fact]
    public async Task SkipsAPackageAlreadyPublishedWithTheSameContents()
    {
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0");
        await _bed.PublishAsync(package);

        var result = await _bed.PublishAsync(package, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Single(_bed.Server.Publishes);
        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(1, json["metadataVersion"]!.GetValue<long>());
        Assert.Empty(json["addedTargets"]!.AsArray());
        Assert.Equal("already-published", json["packages"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TakesChannelPlatformAndMandatoryFromTheOptionsOverTheManifest()
    {
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0", applicability: """{"os": ["linux"], "arch": ["x64"]}""");

        await _bed.PublishAsync(package, "--channel", "beta", "--os", "windows", "--os", "linux", "--arch", "arm64", "--mandatory", "--expires", "12h");

        var metadata = Metadata.FromBytes<TargetsMetadata>(Assert.Single(_bed.Server.Publishes).Parts[0].Body).Signed;
        var facts = ReleaseFacts.FromCustom(metadata.Targets.Values.Single().Custom);
        Assert.Equal("beta", facts.Channel);
        Assert.Equal(["windows", "linux"], facts.OperatingSystems);
        Assert.Equal(["arm64"], facts.Architectures);
        Assert.True(facts.Mandatory);
        Assert.Equal(UpkgHarness.Now.AddMilliseconds(-UpkgHarness.Now.Millisecond).AddHours(12), metadata.Expires);
    }

    [Fact]
    public async Task ReadsTheApiKeyFromTheEnvironmentWhenNoFileIsGiven()
    {
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0");

        var result = await UpkgHarness.RunAsync(_bed.Server, new Dictionary<string, string>(_bed.Variables) { ["UPKG_API_KEY"] = FakeUpdateServer.ApiKey },
            "publish", package, "--server", PublishTestBed.ServerUrl, "--vendor", PublishTestBed.Vendor, "--key", _bed.VendorKey.PrivateKeyPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Bearer " + FakeUpdateServer.ApiKey, Assert.Single(_bed.Server.Publishes).Authorization);
    }

    [Fact]
    public async Task PrintsTheServerVersionsAsJson()
    {
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0");

        var result = await _bed.PublishAsync(package, "--json");

        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(PublishTestBed.Vendor, json["vendor"]!.GetValue<string>());
        Assert.Equal(1, json["metadataVersion"]!.GetValue<long>());
        Assert.Equal(2, json["snapshotVersion"]!.GetValue<long>());
        Assert.Equal(2, json["timestampVersion"]!.GetValue<long>());
        Assert.Equal("acme/acme.app-1.0.0.upkg", Assert.Single(json["addedTargets"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task ShowsProgressAsPlainLinesWhenNotOnATerminal()
    {
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0");

        var result = await _bed.PublishAsync(package);

        Assert.Contains("Uploading 1 package(s) to updates.example.org", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("100%", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("acme/acme.app-1.0.0.upkg", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
    }

    private static readonly EqualityComparer<TargetFile> TargetComparer = EqualityComparer<TargetFile>.Create(
        (a, b) => a!.Length == b!.Length && a.Sha256 == b.Sha256 && JsonNode.DeepEquals(a.Custom, b.Custom),
        t => t.Sha256.GetHashCode(StringComparison.Ordinal));
}
