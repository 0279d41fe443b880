using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Repo;

/// <summary>
/// <c>upkg repo vendor</c>: one vendor's change in the next targets and vendor list, pending; new API keys wait in
/// pending/ too, so the key a vendor is handed always matches the committed list.
/// </summary>
public sealed class RepoVendorCommandTests : OperatorCommandTests
{
    [Fact]
    public async Task KeepsANewApiKeyPendingWithTheNextVendorList()
    {
        var handedOut = await File.ReadAllTextAsync(Bed.ApiKeyFile("acme"), TestContext.Current.CancellationToken);

        var result = await Bed.RepoAsync("vendor", "new-api-key", "acme");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(handedOut, await File.ReadAllTextAsync(Bed.ApiKeyFile("acme"), TestContext.Current.CancellationToken));
        var pendingKey = await File.ReadAllTextAsync(Bed.PendingApiKeyFile("acme"), TestContext.Current.CancellationToken);
        var vendors = OperatorTestBed.ReadVendors(Bed.Pending("vendors.json"));
        Assert.Equal(2, vendors.Version);
        Assert.Equal(VendorRegistration.HashApiKey(pendingKey), vendors.Vendors.Single(v => v.Name == "acme").ApiKeySha256);
        Assert.Contains("pending/vendors.json", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddsAVendorToTheNextTargetsWithItsApiKeyPending()
    {
        var initech = KeyPairFiles.Create(Bed.Folder, "initech");

        var result = await Bed.RepoAsync("vendor", "add", "initech", "--key", initech.PublicKeyPath);

        Assert.Equal(0, result.ExitCode);
        var targets = OperatorTestBed.Read<TargetsMetadata>(Bed.Pending("2.targets.json")).Signed;
        Assert.Equal([initech.Key.KeyId], targets.Delegations!.Find("initech")!.Keys.KeyIds);
        Assert.True(File.Exists(Bed.PendingApiKeyFile("initech")));
        Assert.False(File.Exists(Bed.ApiKeyFile("initech")));
    }

    [Fact]
    public async Task RemovesAVendorFromTheNextTargetsAndVendorList()
    {
        var result = await Bed.RepoAsync("vendor", "remove", "globex");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(OperatorTestBed.Read<TargetsMetadata>(Bed.Pending("2.targets.json")).Signed.Delegations!.Find("globex"));
        Assert.Equal(["acme"], OperatorTestBed.ReadVendors(Bed.Pending("vendors.json")).Vendors.Select(v => v.Name));
    }

    [Fact]
    public async Task DropsThePendingApiKeyOfAVendorRemovedBeforeCommit()
    {
        var initech = KeyPairFiles.Create(Bed.Folder, "initech");
        await Bed.RepoAsync("vendor", "add", "initech", "--key", initech.PublicKeyPath);

        var result = await Bed.RepoAsync("vendor", "remove", "initech");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(Bed.PendingApiKeyFile("initech")));
        Assert.DoesNotContain(OperatorTestBed.ReadVendors(Bed.Pending("vendors.json")).Vendors, v => v.Name == "initech");
    }

    [Theory]
    [InlineData("add", "acme", true, 1, "exists already")]
    [InlineData("set-key", "initech", true, 1, "does not exist")]
    [InlineData("remove", "initech", false, 1, "does not exist")]
    [InlineData("add", "2026", true, 1, "\"2026\" is not valid")]
    [InlineData("add", "Initech", true, 1, "\"Initech\" is not valid")]
    [InlineData("add", "snapshot", true, 1, "\"snapshot\" is not valid")]
    [InlineData("add", "initech", false, 2, "--key")]
    [InlineData("rename", "acme", false, 2, "rename")]
    public async Task RefusesAndWritesNothing(string action, string vendor, bool withKey, int exitCode, string named)
    {
        var before = Bed.Snapshot();
        var key = KeyPairFiles.Create(Bed.Folder, "vendor-key");

        var result = await Bed.RepoAsync(["vendor", action, vendor, .. withKey ? new[] { "--key", key.PublicKeyPath } : []]);

        Assert.Contains(named, result.SingleErrorLine(exitCode), StringComparison.Ordinal);
        Assert.Equal(before, Bed.Snapshot());
    }
}
