using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Tests.Support;

/// <summary>A vendor "acme" with its key and API key file, a fake server, and helpers to pack and publish.</summary>
public sealed class PublishTestBed : IDisposable
{
    public const string Vendor = "acme";
    public const string ServerUrl = "https://updates.example.org";

    public PublishTestBed()
    {
        VendorKey = KeyPairFiles.Create(Folder, Vendor);
        ApiKeyFile = Folder["acme-api-key.txt"];
        File.WriteAllText(ApiKeyFile, FakeUpdateServer.ApiKey + "\n");
    }

    public TempFolder Folder { get; } = new();

    public FakeUpdateServer Server { get; } = new();

    public KeyPairFiles VendorKey { get; }

    public string ApiKeyFile { get; }

    /// <summary>The environment of every run: a state folder of the bed's own, so the record of published targets lasts across its runs.</summary>
    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string> { [UpkgEnvironment.StateDirectoryVariable] = Folder["state"] };

    public void Dispose()
    {
        Server.Dispose();
        Folder.Dispose();
    }

    /// <summary>Packs a fresh source folder named <paramref name="name"/> into <c>NAME.upkg</c>.</summary>
    public Task<string> PackAsync(string name, string product, string version, string kind = "platform", string? applicability = null, string payload = "hello") =>
        PackageSourceFolder.PackAsync(Folder, name, PackageSourceFolder.Template(product, version, kind, applicability), payload);

    /// <summary>Runs <c>upkg publish</c> against the fake server with the vendor's key and API key file.</summary>
    public Task<CliResult> PublishAsync(params string[] packagesAndOptions) => UpkgHarness.RunAsync(Server, Variables, [
        "publish", .. packagesAndOptions,
        "--server", ServerUrl,
        "--vendor", Vendor,
        "--key", VendorKey.PrivateKeyPath,
        "--api-key-file", ApiKeyFile]);

    /// <summary>Asserts <paramref name="metadata"/> carries exactly one signature, a valid one by the vendor's key.</summary>
    public void AssertSignedByVendor(Metadata<TargetsMetadata> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var key = VendorKey.Key.PublicKey;
        metadata.VerifySignedBy(Vendor, new Dictionary<string, TufKey> { [key.KeyId] = key }, new RoleKeys([key.KeyId], 1));
        Assert.Equal(key.KeyId, Assert.Single(metadata.Signatures).KeyId);
    }
}
