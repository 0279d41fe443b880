using UpdateServer.Packaging.Repository;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Repo;

/// <summary><c>upkg repo commit</c>: pending files into server/ only when every check passes, new API keys handed out with them.</summary>
public sealed class RepoCommitCommandTests : OperatorCommandTests
{
    [Fact]
    public async Task HandsOutANewApiKeyOnlyWithTheVendorListThatHoldsItsHash()
    {
        await Bed.RepoAsync("vendor", "new-api-key", "acme");
        var pendingKey = await File.ReadAllTextAsync(Bed.PendingApiKeyFile("acme"), TestContext.Current.CancellationToken);

        var result = await Bed.RepoAsync("commit");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(pendingKey, await File.ReadAllTextAsync(Bed.ApiKeyFile("acme"), TestContext.Current.CancellationToken));
        var vendors = OperatorTestBed.ReadVendors(Bed.ServerFile("vendors.json"));
        Assert.Equal(2, vendors.Version);
        Assert.Equal(VendorRegistration.HashApiKey(pendingKey), vendors.Vendors.Single(v => v.Name == "acme").ApiKeySha256);
        Assert.False(Directory.Exists(Path.Combine(Bed.Repo, "pending", "vendor-api-keys")));
        Assert.False(File.Exists(Bed.Pending("vendors.json")));
    }

    [Theory]
    [InlineData("nothing pending", "nothing is pending")]
    [InlineData("targets nobody signed", "0 of the 1 targets signatures")]
    [InlineData("a root signed by its new key alone", "current root v1")]
    [InlineData("a root of the current version", "holds the current root version")]
    [InlineData("a vendor list that skips a version", "the next vendor list version is 2")]
    public async Task RefusesAndCommitsNothing(string scenario, string named)
    {
        switch (scenario)
        {
            case "targets nobody signed":
                await Bed.RepoAsync("rotate", "--role", "targets");
                break;
            case "a root signed by its new key alone":
                var replacement = KeyPairFiles.Create(Bed.Folder, "root2");
                await Bed.RepoAsync("rotate", "--role", "root", "--add-key", replacement.PublicKeyPath, "--remove-key", Bed.Root.PublicKeyPath);
                await UpkgHarness.RunAsync("repo", "sign", Bed.Pending("2.root.json"), "--key", replacement.PrivateKeyPath);
                break;
            case "a root of the current version":
                Directory.CreateDirectory(Path.Combine(Bed.Repo, "pending"));
                File.Copy(Bed.ServerFile("root.json"), Bed.Pending("1.root.json"));
                break;
            case "a vendor list that skips a version":
                Directory.CreateDirectory(Path.Combine(Bed.Repo, "pending"));
                await File.WriteAllBytesAsync(Bed.Pending("vendors.json"), new VendorList(5, OperatorTestBed.ReadVendors(Bed.ServerFile("vendors.json")).Vendors).ToBytes(),
                    TestContext.Current.CancellationToken);
                break;
        }

        var before = Bed.Snapshot();

        var result = await Bed.RepoAsync("commit");

        Assert.Contains(named, result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Equal(before, Bed.Snapshot());
    }
}
