using System.Net;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Publishing;

/// <summary>Vendor metadata that delegates to hashed bins: what the server accepts and what it refuses.</summary>
public sealed class SubRoleTests : ServerTestBase
{
    private BinnedVendor Vendor => new(Server.Repository.AcmeKey, Server.Clock.GetUtcNow());

    [Fact]
    public async Task AcceptsBinsAndServesThemAsRoles()
    {
        var (package, path) = await BinnedVendor.PackageAsync("1.0.0");
        using var response = await PublishAsync([Vendor.VendorRole(1, BinnedVendor.AllPrefixes), .. Vendor.AllBins(path, package)], package);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"/tuf/metadata/1.acme.bin-{BinnedVendor.Prefix(path)}.json", Ct)).StatusCode);
        Assert.Equal(1, (await RepositoryProbe.TakeAsync(Server)).Releases);
    }

    [Fact]
    public async Task AcceptsOneChangedBinOnTopOfTheStoredVendorRole()
    {
        var (first, firstPath) = await BinnedVendor.PackageAsync("1.0.0");
        using var setUp = await PublishAsync([Vendor.VendorRole(1, BinnedVendor.AllPrefixes), .. Vendor.AllBins(firstPath, first)], first);
        var (second, secondPath) = await BinnedVendor.PackageAsync("2.0.0");
        var prefix = BinnedVendor.Prefix(secondPath);
        var targets = new Dictionary<string, TargetFile> { [secondPath] = BinnedVendor.Target(second, "2.0.0") };
        if (BinnedVendor.Prefix(firstPath) == prefix)
        {
            targets[firstPath] = BinnedVendor.Target(first);
        }

        using var response = await PublishAsync([Vendor.Bin(prefix, targets, version: 2)], second);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, (await RepositoryProbe.TakeAsync(Server)).Releases);
    }

    public static TheoryData<string, HttpStatusCode, string> Refusals => new()
    {
        { "bin not delegated", HttpStatusCode.Forbidden, ProblemTypes.DelegationNotAllowed },
        { "delegation to another vendor's role", HttpStatusCode.Forbidden, ProblemTypes.DelegationNotAllowed },
        { "bin signed by another key", HttpStatusCode.Forbidden, ProblemTypes.SignatureThresholdNotMet },
        { "target in the wrong bin", HttpStatusCode.Forbidden, ProblemTypes.PathOutsideNamespace },
        { "bin delegating further", HttpStatusCode.UnprocessableEntity, ProblemTypes.DelegationNotAllowed },
        { "target listed by two roles", HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid },
        { "delegated bin never uploaded", HttpStatusCode.UnprocessableEntity, ProblemTypes.DelegationNotAllowed },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusesAndChangesNothing(string scenario, HttpStatusCode status, string type)
    {
        var before = await RepositoryProbe.TakeAsync(Server);
        var (package, path) = await BinnedVendor.PackageAsync("1.0.0");
        var prefix = BinnedVendor.Prefix(path);
        var other = prefix == "0" ? "1" : "0";
        var listed = new Dictionary<string, TargetFile> { [path] = BinnedVendor.Target(package) };
        List<(string Role, byte[] Bytes)> files = scenario switch
        {
            "bin not delegated" => [Vendor.VendorRole(1, [other]), Vendor.Bin(other, listed, role: $"acme.bin-{prefix}")],
            "delegation to another vendor's role" => [Vendor.VendorRole(1, [prefix], roleName: _ => "globex")],
            "bin signed by another key" => [Vendor.VendorRole(1, [prefix]), Vendor.Bin(prefix, listed, signer: SigningKey.Generate())],
            "target in the wrong bin" => [Vendor.VendorRole(1, [other]), Vendor.Bin(other, listed)],
            "bin delegating further" => [Vendor.VendorRole(1, [prefix]), Vendor.Bin(prefix, listed, delegating: true)],
            "target listed by two roles" => [Vendor.VendorRole(1, [prefix], target: (path, package)), Vendor.Bin(prefix, listed)],
            "delegated bin never uploaded" => [Vendor.VendorRole(1, [prefix, other]), Vendor.Bin(prefix, listed)],
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };

        using var response = await PublishAsync(files, package);

        await ProblemAssert.IsProblemAsync(response, status, type);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(Server));
    }
}
