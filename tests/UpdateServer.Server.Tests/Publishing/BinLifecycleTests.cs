using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Tests.Support;

namespace UpdateServer.Server.Tests.Publishing;

/// <summary>Lifecycle events for releases listed in hashed bins, changed by publishing a bin alone.</summary>
public sealed class BinLifecycleTests : CatalogTestBase
{
    private const string Path = "acme/acme.culture-platform-1.0.0.upkg";

    [Fact]
    public async Task RecordsAStateChangeMadeByABinAloneWithTheBinVersion()
    {
        var (vendor, target) = await PublishInBinsAsync(ReleaseStates.Testing);

        using var response = await PublishAsync([BinWith(vendor, 2, Restated(target, ReleaseStates.Stable))]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var changed = Assert.Single((await HistoryAsync()).EnumerateArray()).GetProperty("events").EnumerateArray().Last();
        Assert.Equal(("state-changed", 2L), (changed.GetProperty("event").GetString(), changed.GetProperty("metadataVersion").GetInt64()));
        Assert.Equal("1.0.0", Assert.Single((await CheckAsync(Machine(new InstalledProduct(Platform, null)))).Steps).Version);
    }

    [Fact]
    public async Task RecordsARemovalMadeByABinAlone()
    {
        var (vendor, _) = await PublishInBinsAsync(ReleaseStates.Stable);

        using var response = await PublishAsync([BinWith(vendor, 2, target: null)]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var release = Assert.Single((await HistoryAsync()).EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, release.GetProperty("removedAt").ValueKind);
        Assert.Equal("removed", release.GetProperty("events").EnumerateArray().Last().GetProperty("event").GetString());
        Assert.Empty((await CheckAsync(Machine(new InstalledProduct(Platform, null)))).Steps);
    }

    [Fact]
    public async Task RecordsTheBinVersionThatRemovedATarget()
    {
        var (vendor, _) = await PublishInBinsAsync(ReleaseStates.Stable);

        using var response = await PublishAsync([BinWith(vendor, 2, target: null)]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var removed = Assert.Single((await HistoryAsync()).EnumerateArray()).GetProperty("events").EnumerateArray().Last();
        Assert.Equal(2, removed.GetProperty("metadataVersion").GetInt64());
    }

    /// <summary>Publishes acme's role delegating to all 16 bins (version 1), with 1.0.0 in <paramref name="state"/> in its bin.</summary>
    private async Task<(BinnedVendor Vendor, TargetFile Target)> PublishInBinsAsync(string state)
    {
        var vendor = new BinnedVendor(Server.Repository.AcmeKey, Server.Clock.GetUtcNow());
        var (package, path) = await BinnedVendor.PackageAsync("1.0.0");
        Assert.Equal(Path, path);
        var target = Restated(BinnedVendor.Target(package), state);

        var bins = BinnedVendor.AllPrefixes.Select(p => p == BinnedVendor.Prefix(Path) ? BinWith(vendor, 1, target)
            : vendor.Bin(p, new Dictionary<string, TargetFile>()));

        using var response = await PublishAsync([vendor.VendorRole(1, BinnedVendor.AllPrefixes), .. bins], package);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (vendor, target);
    }

    /// <summary>The bin 1.0.0 falls in, at <paramref name="version"/>, listing <paramref name="target"/> (or nothing).</summary>
    private static (string Role, byte[] Bytes) BinWith(BinnedVendor vendor, long version, TargetFile? target) =>
        vendor.Bin(BinnedVendor.Prefix(Path), target is null ? new Dictionary<string, TargetFile>() : new Dictionary<string, TargetFile> { [Path] = target },
            version);

    private static TargetFile Restated(TargetFile target, string state)
    {
        var custom = (JsonObject)target.Custom!.DeepClone();
        custom["state"] = state;
        return new TargetFile(target.Length, target.Hashes, custom);
    }
}
