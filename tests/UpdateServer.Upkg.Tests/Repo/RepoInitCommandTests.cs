using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Repo;

public sealed class RepoInitCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly KeyPairFiles _root;
    private readonly KeyPairFiles _targets;
    private readonly KeyPairFiles _acme;
    private readonly KeyPairFiles _globex;

    public RepoInitCommandTests()
    {
        _root = KeyPairFiles.Create(_folder, "root");
        _targets = KeyPairFiles.Create(_folder, "targets");
        _acme = KeyPairFiles.Create(_folder, "acme");
        _globex = KeyPairFiles.Create(_folder, "globex");
    }

    private string Out => _folder["repo"];

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WritesARootSignedByItsOwnThresholdAndTargetsSignedByTheTargetsRole()
    {
        var result = await InitAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        var root = ReadRoot();
        root.VerifySignedBy(RoleNames.Root, root.Signed.Keys, root.Signed.RoleFor(RoleNames.Root));
        var targets = Metadata.FromBytes<TargetsMetadata>(File.ReadAllBytes(Path.Combine(Out, "server", "targets.json")));
        targets.VerifySignedBy(RoleNames.Targets, root.Signed.Keys, root.Signed.RoleFor(RoleNames.Targets));

        Assert.Equal(1, root.Signed.Version);
        Assert.True(root.Signed.ConsistentSnapshot);
        Assert.Equal([_root.Key.KeyId], root.Signed.RoleFor(RoleNames.Root).KeyIds);
        Assert.Equal([_targets.Key.KeyId], root.Signed.RoleFor(RoleNames.Targets).KeyIds);
        Assert.Equal(1, targets.Signed.Version);
        Assert.Empty(targets.Signed.Targets);
    }

    [Fact]
    public async Task DelegatesEachVendorsFolderToItsKeyAlone()
    {
        await InitAsync();

        var targets = Metadata.FromBytes<TargetsMetadata>(File.ReadAllBytes(Path.Combine(Out, "server", "targets.json"))).Signed;
        var delegations = Assert.IsType<Delegations>(targets.Delegations);
        Assert.Equal(["acme", "globex"], delegations.Roles.Select(r => r.Name));
        foreach (var (role, key) in delegations.Roles.Zip([_acme.Key, _globex.Key]))
        {
            Assert.Equal([$"{role.Name}/*"], role.Paths);
            Assert.Equal([key.KeyId], role.Keys.KeyIds);
            Assert.Equal(1, role.Keys.Threshold);
            Assert.True(role.Terminating);
            Assert.Equal(key.KeyId, delegations.Keys[key.KeyId].KeyId);
        }

        Assert.True(delegations.Roles[0].IsDelegatedPath("acme/acme.app-1.0.0.upkg"));
        Assert.False(delegations.Roles[0].IsDelegatedPath("globex/globex.app-1.0.0.upkg"));
    }

    [Fact]
    public async Task ListsTheNewOnlineKeysForSnapshotAndTimestamp()
    {
        await InitAsync();

        var root = ReadRoot().Signed;
        foreach (var (role, file) in new[] { (RoleNames.Snapshot, "snapshot.key"), (RoleNames.Timestamp, "timestamp.key") })
        {
            var key = Packaging.Trust.Keys.SigningKey.FromPem(File.ReadAllText(Path.Combine(Out, "server", file)));
            Assert.Equal([key.KeyId], root.RoleFor(role).KeyIds);
            Assert.Equal(1, root.RoleFor(role).Threshold);
            Assert.Equal(key.KeyId, root.Keys[key.KeyId].KeyId);
        }

        Assert.NotEqual(root.RoleFor(RoleNames.Snapshot).KeyIds, root.RoleFor(RoleNames.Timestamp).KeyIds);
    }

    [Fact]
    public async Task StoresTheHashOfEachVendorsApiKeyFile()
    {
        await InitAsync();

        var list = VendorList.Read(File.ReadAllBytes(Path.Combine(Out, "server", "vendors.json")));
        var vendors = list.Vendors;
        Assert.Equal(1, list.Version);
        Assert.Equal(["acme", "globex"], vendors.Select(v => v.Name));
        foreach (var vendor in vendors)
        {
            var apiKeyFile = File.ReadAllBytes(Path.Combine(Out, "vendor-api-keys", vendor.Name + ".txt"));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(apiKeyFile)), vendor.ApiKeySha256);
        }

        Assert.NotEqual(vendors[0].ApiKeySha256, vendors[1].ApiKeySha256);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task KeepsSecretsReadableByTheirOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");

        await InitAsync();

        foreach (var secret in new[] { "server/snapshot.key", "server/timestamp.key", "vendor-api-keys/acme.txt", "vendor-api-keys/globex.txt" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Out, secret)));
        }
    }

    [Fact]
    public async Task CopiesRootAsTheTrustedRootForMachines()
    {
        await InitAsync();

        Assert.Equal(File.ReadAllBytes(Path.Combine(Out, "server", "root.json")), File.ReadAllBytes(Path.Combine(Out, "trusted-root.json")));
    }

    [Fact]
    public async Task SetsExpiryFromTheOptionsInWholeSeconds()
    {
        await InitAsync("--root-expires", "30d", "--targets-expires", "12h");

        var now = UpkgHarness.Now.AddMilliseconds(-UpkgHarness.Now.Millisecond);
        Assert.Equal(now.AddDays(30), ReadRoot().Signed.Expires);
        var targets = Metadata.FromBytes<TargetsMetadata>(File.ReadAllBytes(Path.Combine(Out, "server", "targets.json")));
        Assert.Equal(now.AddHours(12), targets.Signed.Expires);
        Assert.Contains("\"expires\":\"2030-05-06T19:08:09Z\"", File.ReadAllText(Path.Combine(Out, "server", "targets.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TurnsConsistentSnapshotsOffOnRequest()
    {
        await InitAsync("--no-consistent-snapshot");

        Assert.False(ReadRoot().Signed.ConsistentSnapshot);
    }

    [Fact]
    public async Task SignsRootWithEveryRootKeyForAThresholdOfTwo()
    {
        var second = KeyPairFiles.Create(_folder, "root2");

        var result = await InitAsync("--root-key", second.PrivateKeyPath, "--root-threshold", "2");

        Assert.Equal(0, result.ExitCode);
        var root = ReadRoot();
        var role = root.Signed.RoleFor(RoleNames.Root);
        Assert.Equal(2, role.Threshold);
        Assert.Equal([_root.Key.KeyId, second.Key.KeyId], role.KeyIds);
        Assert.Equal(2, SignatureThreshold.CountValid(root.CanonicalSigned.Span, root.Signatures, root.Signed.Keys, role));
    }

    [Fact]
    public async Task WritesTheResultAsJson()
    {
        var result = await InitAsync("--json");

        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(_root.Key.KeyId, json["roles"]![0]!["keyIds"]![0]!.GetValue<string>());
        Assert.Equal("acme/*", json["vendors"]![0]!["paths"]![0]!.GetValue<string>());
        Assert.Contains("trusted-root.json", json["files"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("ac/me")]
    [InlineData("targets")]
    [InlineData("2026")]
    [InlineData("9lives")]
    public async Task RefusesABadVendorName(string name)
    {
        var result = await UpkgHarness.RunAsync("repo", "init", "--out", Out, "--root-key", _root.PrivateKeyPath, "--targets-key", _targets.PrivateKeyPath,
            "--vendor", $"{name}={_acme.PublicKeyPath}");

        Assert.Contains(name, result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task RefusesAVendorGivenTwice()
    {
        var result = await InitAsync("--vendor", $"acme={_globex.PublicKeyPath}");

        Assert.Contains("twice", result.SingleErrorLine(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--root-key")]
    [InlineData("--targets-key")]
    [InlineData("--vendor")]
    public async Task RefusesAMissingKeyFile(string option)
    {
        var missing = _folder["missing.key"];
        string[] args = option switch
        {
            "--root-key" => ["--root-key", missing, "--targets-key", _targets.PrivateKeyPath, "--vendor", $"acme={_acme.PublicKeyPath}"],
            "--targets-key" => ["--root-key", _root.PrivateKeyPath, "--targets-key", missing, "--vendor", $"acme={_acme.PublicKeyPath}"],
            _ => ["--root-key", _root.PrivateKeyPath, "--targets-key", _targets.PrivateKeyPath, "--vendor", $"acme={missing}"],
        };

        var result = await UpkgHarness.RunAsync(["repo", "init", "--out", Out, .. args]);

        Assert.Contains(missing, result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task RefusesAPublicKeyWhereAPrivateKeyIsNeeded()
    {
        var result = await UpkgHarness.RunAsync("repo", "init", "--out", Out, "--root-key", _root.PublicKeyPath, "--targets-key", _targets.PrivateKeyPath,
            "--vendor", $"acme={_acme.PublicKeyPath}");

        Assert.Contains(_root.PublicKeyPath, result.SingleErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAThresholdAboveTheNumberOfRootKeys()
    {
        var result = await InitAsync("--root-threshold", "2");

        Assert.Contains("--root-threshold", result.SingleErrorLine(expectedExitCode: 2), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task RefusesTheSameRootKeyTwice()
    {
        var result = await InitAsync("--root-key", _root.PrivateKeyPath, "--root-threshold", "2");

        Assert.Contains("twice", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task RefusesAnExistingServerFolderAndLeavesItAlone()
    {
        Directory.CreateDirectory(Path.Combine(Out, "server"));
        await File.WriteAllTextAsync(Path.Combine(Out, "server", "root.json"), "original", TestContext.Current.CancellationToken);

        var result = await InitAsync();

        Assert.Contains("already exists", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Equal("original", await File.ReadAllTextAsync(Path.Combine(Out, "server", "root.json"), TestContext.Current.CancellationToken));
        Assert.Equal(["server"], Directory.GetFileSystemEntries(Out).Select(Path.GetFileName));
    }

    [Fact]
    public async Task RefusesAnExistingApiKeyFileBeforeWritingAnything()
    {
        Directory.CreateDirectory(Path.Combine(Out, "vendor-api-keys"));
        await File.WriteAllTextAsync(Path.Combine(Out, "vendor-api-keys", "globex.txt"), "original", TestContext.Current.CancellationToken);

        var result = await InitAsync();

        Assert.Contains("globex.txt", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Out, "server")));
        Assert.False(File.Exists(Path.Combine(Out, "trusted-root.json")));
        Assert.Equal("original", await File.ReadAllTextAsync(Path.Combine(Out, "vendor-api-keys", "globex.txt"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RefusesAMalformedVendorOptionAsAUsageError()
    {
        var result = await InitAsync("--vendor", "acme");

        Assert.Contains("NAME=PUBKEY", result.SingleErrorLine(expectedExitCode: 2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAMalformedDurationAsAUsageError()
    {
        var result = await InitAsync("--root-expires", "1y");

        Assert.Contains("--root-expires", result.SingleErrorLine(expectedExitCode: 2), StringComparison.Ordinal);
    }

    private Task<CliResult> InitAsync(params string[] extra) => UpkgHarness.RunAsync([
        "repo", "init", "--out", Out,
        "--root-key", _root.PrivateKeyPath,
        "--targets-key", _targets.PrivateKeyPath,
        "--vendor", $"acme={_acme.PublicKeyPath}",
        "--vendor", $"globex={_globex.PublicKeyPath}",
        .. extra]);

    private Metadata<RootMetadata> ReadRoot() => Metadata.FromBytes<RootMetadata>(File.ReadAllBytes(Path.Combine(Out, "server", "root.json")));
}
