using System.Net;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Publishing;

/// <summary>
/// After the operator replaced acme's key (targets v2 delegates acme to a new key), nothing signed by the revoked key
/// may be published any more, bins included, until acme re-signs its role with the new key.
/// </summary>
public sealed class KeyReplacementTests : ServerTestBase
{
    private readonly SigningKey _newKey = SigningKey.Generate();

    private BinnedVendor WithOldKey => new(Server.Repository.AcmeKey, Server.Clock.GetUtcNow());

    private BinnedVendor WithNewKey => new(_newKey, Server.Clock.GetUtcNow());

    [Fact]
    public async Task RefusesABinSignedByTheRevokedKeyOnTopOfTheVendorRoleItSigned()
    {
        var (package, path) = await PublishWithOldKeyThenReplaceItAsync();
        var before = await RepositoryProbe.TakeAsync(Server);
        var (evil, evilPath) = await BinnedVendor.PackageAsync("6.6.6");
        var prefix = BinnedVendor.Prefix(evilPath);
        var targets = new Dictionary<string, TargetFile> { [evilPath] = BinnedVendor.Target(evil, "6.6.6") };
        if (BinnedVendor.Prefix(path) == prefix)
        {
            targets[path] = BinnedVendor.Target(package);
        }

        using var response = await PublishAsync([WithOldKey.Bin(prefix, targets, version: 2)], evil);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemTypes.ResignRequired);
        Assert.Contains("re-sign acme.json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(Server));
    }

    [Fact]
    public async Task RefusesANewVendorRoleThatKeepsBinsTheRevokedKeySigned()
    {
        var (package, path) = await PublishWithOldKeyThenReplaceItAsync();
        var before = await RepositoryProbe.TakeAsync(Server);
        var prefix = BinnedVendor.Prefix(path);

        using var response = await PublishAsync(
            [WithNewKey.VendorRole(2, BinnedVendor.AllPrefixes), WithNewKey.Bin(prefix, new Dictionary<string, TargetFile> { [path] = BinnedVendor.Target(package) }, 2)]);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemTypes.ResignRequired);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(Server));
    }

    [Fact]
    public async Task AcceptsTheVendorRoleAndEveryBinResignedWithTheNewKey()
    {
        var (package, path) = await PublishWithOldKeyThenReplaceItAsync();

        using var response = await PublishAsync([WithNewKey.VendorRole(2, BinnedVendor.AllPrefixes), .. WithNewKey.AllBins(path, package, version: 2)]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, (await RepositoryProbe.TakeAsync(Server)).Releases);
    }

    /// <summary>acme publishes its role and 16 bins with the old key; then the operator pushes targets v2 trusting only the new key.</summary>
    private async Task<(byte[] Package, string Path)> PublishWithOldKeyThenReplaceItAsync()
    {
        var (package, path) = await BinnedVendor.PackageAsync("1.0.0");
        using (var published = await PublishAsync([WithOldKey.VendorRole(1, BinnedVendor.AllPrefixes), .. WithOldKey.AllBins(path, package)], package))
        {
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        }

        var documents = new OperatorDocuments(Server.Repository, Server.Clock.GetUtcNow());
        using (var pushed = await RepositoryPush.SendAsync(Http, Server.Repository.OperatorApiKey, targets: documents.Targets(2, _newKey)))
        {
            Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        }

        return (package, path);
    }
}
