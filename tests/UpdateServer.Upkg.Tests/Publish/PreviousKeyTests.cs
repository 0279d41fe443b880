using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Publish;

/// <summary>
/// <c>upkg publish --resign --previous-key</c> after the operator replaced the vendor key: the server's copy is signed
/// only by the revoked key, so upkg re-signs only targets this machine recorded publishing, unless told <c>--yes</c>.
/// </summary>
public sealed class PreviousKeyTests : IDisposable
{
    private const string Published = "acme/acme.app-1.0.0.upkg";
    private const string Planted = "acme/acme.app-6.6.6.upkg";
    private readonly PublishTestBed _bed = new();
    private readonly KeyPairFiles _newKey;

    public PreviousKeyTests() => _newKey = KeyPairFiles.Create(_bed.Folder, "acme-new");

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task RecordsEveryTargetItPublished()
    {
        await PublishWithOldKeyAsync();

        var ledger = await File.ReadAllTextAsync(LedgerPath, TestContext.Current.CancellationToken);
        Assert.Contains(Published, ledger, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResignsWithTheNewKeyWhenEveryTargetIsRecorded()
    {
        await PublishWithOldKeyAsync();

        var result = await ResignAsync();

        Assert.Equal(0, result.ExitCode);
        var metadata = LastUpload();
        Assert.Equal(_newKey.Key.KeyId, Assert.Single(metadata.Signatures).KeyId);
        Assert.Equal([Published], metadata.Signed.Targets.Keys);
    }

    [Fact]
    public async Task RefusesToResignATargetTheRevokedKeyAddedWithoutSigningOrSending()
    {
        await PublishWithOldKeyAsync();
        PlantTargetWithOldKey();

        var result = await ResignAsync();

        var line = result.SingleErrorLine();
        Assert.Contains(Planted, line, StringComparison.Ordinal);
        Assert.DoesNotContain(Published, line, StringComparison.Ordinal);
        Assert.Contains("--yes", line, StringComparison.Ordinal);
        Assert.Single(_bed.Server.Publishes);
    }

    [Fact]
    public async Task ResignsAnUnrecordedTargetOnceConfirmed()
    {
        await PublishWithOldKeyAsync();
        PlantTargetWithOldKey();

        var result = await ResignAsync("--yes");

        Assert.Equal(0, result.ExitCode);
        var metadata = LastUpload();
        Assert.Equal(_newKey.Key.KeyId, Assert.Single(metadata.Signatures).KeyId);
        Assert.Contains(Planted, metadata.Signed.Targets.Keys);
    }

    [Fact]
    public async Task RefusesWhenThisMachineHasNoRecordOfPublishing()
    {
        _bed.Server.VendorMetadata[PublishTestBed.Vendor] = Metadata.Create(new TargetsMetadata
        {
            Version = 1,
            Expires = UpkgHarness.Now.AddDays(30),
            Targets = new Dictionary<string, TargetFile> { [Published] = Target() },
        }).Sign(_bed.VendorKey.Key).ToBytes();

        var result = await ResignAsync();

        Assert.Contains("no record of what it published", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Empty(_bed.Server.Publishes);
    }

    [Fact]
    public async Task StillRefusesACopySignedByNeitherKey()
    {
        await PublishWithOldKeyAsync();
        _bed.Server.VendorMetadata[PublishTestBed.Vendor] = Metadata.Create(new TargetsMetadata { Version = 2, Expires = UpkgHarness.Now.AddDays(30) })
            .Sign(Packaging.Trust.Keys.SigningKey.Generate()).ToBytes();

        var result = await ResignAsync("--yes");

        Assert.Contains("is not signed by your key", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Single(_bed.Server.Publishes);
    }

    [Fact]
    public async Task RefusesATargetWhoseRecordedHashDiffers()
    {
        await PublishWithOldKeyAsync();
        var current = Metadata.FromBytes<TargetsMetadata>(_bed.Server.VendorMetadata[PublishTestBed.Vendor]).Signed;
        _bed.Server.VendorMetadata[PublishTestBed.Vendor] = Metadata.Create(current with
        {
            Version = current.Version + 1,
            Targets = new Dictionary<string, TargetFile>(current.Targets) { [Published] = Target() },
        }).Sign(_bed.VendorKey.Key).ToBytes();

        var result = await ResignAsync();

        Assert.Contains(Published, result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Single(_bed.Server.Publishes);
    }

    [Theory]
    [InlineData("{\"targets\": [")]
    [InlineData("null")]
    [InlineData("{\"targets\": {\"acme/acme.app-1.0.0.upkg\": {\"length\": \"many\"}}}")]
    public async Task RefusesAnUnreadableRecordWithoutSigningOrSending(string record)
    {
        await PublishWithOldKeyAsync();
        await File.WriteAllTextAsync(LedgerPath, record, TestContext.Current.CancellationToken);

        var result = await ResignAsync("--yes");

        var line = result.SingleErrorLine();
        Assert.Contains("cannot read the record of published targets", line, StringComparison.Ordinal);
        Assert.Contains("acme.json", line, StringComparison.Ordinal);
        Assert.Single(_bed.Server.Publishes);
    }

    private string LedgerPath => Path.Combine(_bed.Folder["state"], "published", "updates.example.org", "acme.json");

    private async Task PublishWithOldKeyAsync()
    {
        var result = await _bed.PublishAsync(await _bed.PackAsync("app", "acme.app", "1.0.0"));
        Assert.Equal(0, result.ExitCode);
    }

    /// <summary>Someone holding the revoked key (and the server) lists one more target in the copy served.</summary>
    private void PlantTargetWithOldKey()
    {
        var current = Metadata.FromBytes<TargetsMetadata>(_bed.Server.VendorMetadata[PublishTestBed.Vendor]).Signed;
        _bed.Server.VendorMetadata[PublishTestBed.Vendor] = Metadata.Create(current with
        {
            Version = current.Version + 1,
            Targets = new Dictionary<string, TargetFile>(current.Targets) { [Planted] = Target() },
        }).Sign(_bed.VendorKey.Key).ToBytes();
    }

    private static TargetFile Target() => new(4096, new Dictionary<string, string> { ["sha256"] = new string('e', 64) });

    private Task<CliResult> ResignAsync(params string[] extra) => UpkgHarness.RunAsync(_bed.Server, _bed.Variables, [
        "publish", "--resign", "--server", PublishTestBed.ServerUrl, "--vendor", PublishTestBed.Vendor,
        "--key", _newKey.PrivateKeyPath, "--previous-key", _bed.VendorKey.PublicKeyPath, "--api-key-file", _bed.ApiKeyFile, .. extra]);

    private Metadata<TargetsMetadata> LastUpload() =>
        Metadata.FromBytes<TargetsMetadata>(_bed.Server.Publishes[^1].Parts.Single(p => p.Name == "metadata").Body);
}
