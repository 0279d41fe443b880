using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Publish;

public sealed class PublishCommandTests : IDisposable
{
    private const string Vendor = "acme";
    private readonly TempFolder _folder = new();
    private readonly FakeUpdateServer _server = new();
    private readonly KeyPairFiles _vendorKey;
    private readonly string _apiKeyFile;

    public PublishCommandTests()
    {
        _vendorKey = KeyPairFiles.Create(_folder, "acme");
        _apiKeyFile = _folder["acme-api-key.txt"];
        File.WriteAllText(_apiKeyFile, FakeUpdateServer.ApiKey + "\n");
    }

    public void Dispose()
    {
        _server.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task FirstPublishSendsVersionOneSignedByTheVendorKeyWithThePackage()
    {
        var package = await PackAsync("app", "acme.culture-platform", "2.1.0-beta.1+build.5", applicability: """{"os": ["linux"], "arch": ["x64", "arm64"]}""");

        var result = await PublishAsync(package);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        var publish = Assert.Single(_server.Publishes);
        Assert.Equal(Vendor, publish.Vendor);
        Assert.Equal("Bearer " + FakeUpdateServer.ApiKey, publish.Authorization);
        Assert.Equal(["metadata", "package"], publish.Parts.Select(p => p.Name));
        Assert.Equal("application/json", publish.Parts[0].ContentType);
        Assert.Equal("application/octet-stream", publish.Parts[1].ContentType);
        Assert.Equal("app.upkg", publish.Parts[1].FileName);
        var bytes = File.ReadAllBytes(package);
        Assert.Equal(bytes, publish.Parts[1].Body);

        var metadata = Metadata.FromBytes<TargetsMetadata>(publish.Parts[0].Body);
        AssertSignedByVendor(metadata);
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
        var first = await PackAsync("first", "acme.app", "1.0.0");
        var second = await PackAsync("second", "acme.app", "1.1.0", payload: "newer");
        await PublishAsync(first);

        var result = await PublishAsync(second);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, _server.Publishes.Count);
        var publish = _server.Publishes[1];
        Assert.Equal(["metadata", "package"], publish.Parts.Select(p => p.Name));
        Assert.Equal("second.upkg", publish.Parts[1].FileName);
        var metadata = Metadata.FromBytes<TargetsMetadata>(publish.Parts[0].Body);
        AssertSignedByVendor(metadata);
        Assert.Equal(2, metadata.Signed.Version);
        Assert.Equal(["acme/acme.app-1.0.0.upkg", "acme/acme.app-1.1.0.upkg"], metadata.Signed.Targets.Keys.Order(StringComparer.Ordinal));
        var earlier = Metadata.FromBytes<TargetsMetadata>(_server.Publishes[0].Parts[0].Body).Signed.Targets["acme/acme.app-1.0.0.upkg"];
        Assert.Equal(earlier, metadata.Signed.Targets["acme/acme.app-1.0.0.upkg"], TargetComparer);
    }

    [Fact]
    public async Task PublishesSeveralPackagesInOneUpload()
    {
        var platform = await PackAsync("platform", "acme.app", "1.0.0");
        var driver = await PackAsync("driver", "acme.gpu-driver", "3.0.0", kind: "driver");

        var result = await PublishAsync(platform, driver);

        Assert.Equal(0, result.ExitCode);
        var publish = Assert.Single(_server.Publishes);
        Assert.Equal(["metadata", "package", "package"], publish.Parts.Select(p => p.Name));
        var targets = Metadata.FromBytes<TargetsMetadata>(publish.Parts[0].Body).Signed.Targets;
        Assert.Equal(ProductKinds.Driver, ReleaseFacts.FromCustom(targets["acme/acme.gpu-driver-3.0.0.upkg"].Custom).Kind);
    }

    [Fact]
    public async Task RefusesAServerCopyNotSignedByTheVendorKeyWithoutPosting()
    {
        var intruder = SigningKey.Generate();
        var forged = new TargetsMetadata { Version = 7, Expires = UpkgHarness.Now.AddDays(30), Targets = new Dictionary<string, TargetFile>() };
        _server.VendorMetadata[Vendor] = Metadata.Create(forged).Sign(intruder).ToBytes();
        var package = await PackAsync("app", "acme.app", "1.0.0");

        var result = await PublishAsync(package);

        Assert.Contains("the server's copy of acme.json", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Contains("is not signed by your key", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Publishes);
    }

    [Fact]
    public async Task RefusesAServerCopyThatIsNotMetadata()
    {
        _server.VendorMetadata[Vendor] = "<html>maintenance</html>"u8.ToArray();
        var package = await PackAsync("app", "acme.app", "1.0.0");

        var result = await PublishAsync(package);

        Assert.Contains("acme.json", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Empty(_server.Publishes);
    }

    [Fact]
    public async Task TurnsAProblemDetailsRefusalIntoOneLine()
    {
        _server.Refusal = (HttpStatusCode.Forbidden, "application/problem+json",
            """{"type": "urn:updateserver:problem:vendor-mismatch", "title": "Wrong vendor", "status": 403, "detail": "This API key belongs to another vendor."}""");
        var package = await PackAsync("app", "acme.app", "1.0.0");

        var result = await PublishAsync(package);

        Assert.Equal(
            "upkg: publish refused: This API key belongs to another vendor. (403 urn:updateserver:problem:vendor-mismatch)",
            result.SingleErrorLine());
    }

    [Fact]
    public async Task TurnsAnErrorPageIntoOneLineWithTheStatus()
    {
        _server.Refusal = (HttpStatusCode.BadGateway, "text/html", "<html>\n<body>Bad gateway</body>\n</html>");
        var package = await PackAsync("app", "acme.app", "1.0.0");

        var result = await PublishAsync(package);

        Assert.Contains("(502 about:blank)", result.SingleErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAProductOutsideTheVendorNamespaceBeforeAnyRequest()
    {
        var package = await PackAsync("app", "globex.app", "1.0.0");

        var result = await PublishAsync(package);

        var line = result.SingleErrorLine();
        Assert.Contains("globex.app", line, StringComparison.Ordinal);
        Assert.Contains("\"acme.\"", line, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task SkipsAPackageAlreadyPublishedWithTheSameContents()
    {
        var package = await PackAsync("app", "acme.app", "1.0.0");
        await PublishAsync(package);

        var result = await PublishAsync(package, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Single(_server.Publishes);
        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(1, json["metadataVersion"]!.GetValue<long>());
        Assert.Empty(json["addedTargets"]!.AsArray());
        Assert.Equal("already-published", json["packages"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefusesToChangeThePackageOfAPublishedVersion()
    {
        var original = await PackAsync("original", "acme.app", "1.0.0");
        var changed = await PackAsync("changed", "acme.app", "1.0.0", payload: "different");
        await PublishAsync(original);

        var result = await PublishAsync(changed);

        Assert.Contains("already published with other contents", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Single(_server.Publishes);
    }

    [Fact]
    public async Task TakesChannelPlatformAndMandatoryFromTheOptionsOverTheManifest()
    {
        var package = await PackAsync("app", "acme.app", "1.0.0", applicability: """{"os": ["linux"], "arch": ["x64"]}""");

        await PublishAsync(package, "--channel", "beta", "--os", "windows", "--os", "linux", "--arch", "arm64", "--mandatory", "--expires", "12h");

        var metadata = Metadata.FromBytes<TargetsMetadata>(Assert.Single(_server.Publishes).Parts[0].Body).Signed;
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
        var package = await PackAsync("app", "acme.app", "1.0.0");

        var result = await UpkgHarness.RunAsync(_server, new Dictionary<string, string> { ["UPKG_API_KEY"] = FakeUpdateServer.ApiKey },
            "publish", package, "--server", "https://updates.example.org", "--vendor", Vendor, "--key", _vendorKey.PrivateKeyPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Bearer " + FakeUpdateServer.ApiKey, Assert.Single(_server.Publishes).Authorization);
    }

    [Fact]
    public async Task RequiresAnApiKey()
    {
        var package = await PackAsync("app", "acme.app", "1.0.0");

        var result = await UpkgHarness.RunAsync(_server, null,
            "publish", package, "--server", "https://updates.example.org", "--vendor", Vendor, "--key", _vendorKey.PrivateKeyPath);

        Assert.Contains("UPKG_API_KEY", result.SingleErrorLine(expectedExitCode: 2), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ReportsANetworkFailureAsOneLine()
    {
        using var unreachable = new UnreachableServer();
        var package = await PackAsync("app", "acme.app", "1.0.0");

        var result = await UpkgHarness.RunAsync(unreachable, null, "publish", package, "--server", "https://updates.example.org",
            "--vendor", Vendor, "--key", _vendorKey.PrivateKeyPath, "--api-key-file", _apiKeyFile);

        Assert.Contains("Connection refused", result.SingleErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAPackageThatDoesNotVerify()
    {
        var package = await PackAsync("app", "acme.app", "1.0.0");
        var bytes = File.ReadAllBytes(package);
        File.WriteAllBytes(package, bytes[..(bytes.Length / 2)]);

        var result = await PublishAsync(package);

        Assert.Contains(package, result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task PrintsTheServerVersionsAsJson()
    {
        var package = await PackAsync("app", "acme.app", "1.0.0");

        var result = await PublishAsync(package, "--json");

        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(Vendor, json["vendor"]!.GetValue<string>());
        Assert.Equal(1, json["metadataVersion"]!.GetValue<long>());
        Assert.Equal(2, json["snapshotVersion"]!.GetValue<long>());
        Assert.Equal(2, json["timestampVersion"]!.GetValue<long>());
        Assert.Equal("acme/acme.app-1.0.0.upkg", Assert.Single(json["addedTargets"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task ShowsProgressAsPlainLinesWhenNotOnATerminal()
    {
        var package = await PackAsync("app", "acme.app", "1.0.0");

        var result = await PublishAsync(package);

        Assert.Contains("Uploading 1 package(s) to updates.example.org", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("100%", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("acme/acme.app-1.0.0.upkg", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--server", "ftp://updates.example.org")]
    [InlineData("--vendor", "Acme")]
    [InlineData("--channel", "Beta Channel")]
    [InlineData("--expires", "soon")]
    public async Task RefusesAMalformedOptionAsAUsageError(string option, string value)
    {
        var package = await PackAsync("app", "acme.app", "1.0.0");
        var args = new List<string> { "publish", package, "--server", "https://updates.example.org", "--vendor", Vendor, "--key", _vendorKey.PrivateKeyPath, "--api-key-file", _apiKeyFile };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var result = await UpkgHarness.RunAsync(_server, null, [.. args]);

        Assert.Contains(option, result.SingleErrorLine(expectedExitCode: 2), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    private static readonly EqualityComparer<TargetFile> TargetComparer = EqualityComparer<TargetFile>.Create(
        (a, b) => a!.Length == b!.Length && a.Sha256 == b.Sha256 && JsonNode.DeepEquals(a.Custom, b.Custom),
        t => t.Sha256.GetHashCode(StringComparison.Ordinal));

    private void AssertSignedByVendor(Metadata<TargetsMetadata> metadata)
    {
        var key = _vendorKey.Key.PublicKey;
        metadata.VerifySignedBy(Vendor, new Dictionary<string, TufKey> { [key.KeyId] = key }, new RoleKeys([key.KeyId], 1));
        Assert.Equal(key.KeyId, Assert.Single(metadata.Signatures).KeyId);
    }

    private Task<string> PackAsync(string name, string product, string version, string kind = "platform", string? applicability = null, string payload = "hello") =>
        PackageSourceFolder.PackAsync(_folder, name, PackageSourceFolder.Template(product, version, kind, applicability), payload);

    private Task<CliResult> PublishAsync(params string[] packagesAndOptions) => UpkgHarness.RunAsync(_server, null, [
        "publish", .. packagesAndOptions,
        "--server", "https://updates.example.org",
        "--vendor", Vendor,
        "--key", _vendorKey.PrivateKeyPath,
        "--api-key-file", _apiKeyFile]);
}
