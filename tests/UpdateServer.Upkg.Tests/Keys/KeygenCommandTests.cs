using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Keys;

public sealed class KeygenCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("ed25519", KeyAlgorithm.Ed25519, "ed25519")]
    [InlineData("ecdsa-p256", KeyAlgorithm.EcdsaP256, "ecdsa")]
    [InlineData("rsa-pss", KeyAlgorithm.RsaPss, "rsa")]
    public async Task WritesAPrivateKeyAndItsPublicKeyJson(string algorithm, KeyAlgorithm expected, string keyType)
    {
        var prefix = _folder["keys/vendor"];

        var result = await UpkgHarness.RunAsync("keygen", "--out", prefix, "--algorithm", algorithm);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        var privateKey = SigningKey.FromPem(await File.ReadAllTextAsync(prefix + ".key", TestContext.Current.CancellationToken));
        var publicKey = TufKey.FromJson(JsonNode.Parse(await File.ReadAllTextAsync(prefix + ".pub.json", TestContext.Current.CancellationToken)));
        Assert.Equal(expected, privateKey.Algorithm);
        Assert.Equal(keyType, publicKey.KeyType);
        Assert.Equal(privateKey.KeyId, publicKey.KeyId);
        Assert.Equal(publicKey.KeyId, result.Stdout.Trim());
    }

    [Fact]
    public async Task CreatesAnEd25519KeyByDefault()
    {
        var result = await UpkgHarness.RunAsync("keygen", "--out", _folder["k"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(KeyAlgorithm.Ed25519, SigningKey.FromPem(await File.ReadAllTextAsync(_folder["k.key"], TestContext.Current.CancellationToken)).Algorithm);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task CreatesThePrivateKeyReadableByItsOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");

        await UpkgHarness.RunAsync("keygen", "--out", _folder["k"]);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder["k.key"]));
    }

    [Fact]
    public async Task WritesTheKeyIdAndPathsAsJson()
    {
        var prefix = _folder["k"];

        var result = await UpkgHarness.RunAsync("keygen", "--out", prefix, "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        var publicKey = TufKey.FromJson(JsonNode.Parse(await File.ReadAllTextAsync(prefix + ".pub.json", TestContext.Current.CancellationToken)));
        Assert.Equal(publicKey.KeyId, json["keyId"]!.GetValue<string>());
        Assert.Equal(prefix + ".key", json["privateKey"]!.GetValue<string>());
        Assert.Equal(prefix + ".pub.json", json["publicKey"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.String, json["algorithm"]!.GetValueKind());
    }

    [Theory]
    [InlineData("k.key")]
    [InlineData("k.pub.json")]
    public async Task RefusesToOverwriteAnExistingKeyFile(string existing)
    {
        await File.WriteAllTextAsync(_folder[existing], "original", TestContext.Current.CancellationToken);

        var result = await UpkgHarness.RunAsync("keygen", "--out", _folder["k"]);

        Assert.Contains("already exists", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Equal("original", await File.ReadAllTextAsync(_folder[existing], TestContext.Current.CancellationToken));
        Assert.Single(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public async Task RefusesAnUnknownAlgorithmAsAUsageError()
    {
        var result = await UpkgHarness.RunAsync("keygen", "--out", _folder["k"], "--algorithm", "dsa");

        Assert.Contains("dsa", result.SingleErrorLine(expectedExitCode: 2), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public async Task RequiresTheOutPrefix()
    {
        var result = await UpkgHarness.RunAsync("keygen");

        Assert.Contains("--out", result.SingleErrorLine(expectedExitCode: 2), StringComparison.Ordinal);
    }
}
