using System.Net;
using System.Net.Http.Json;
using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Server.Publishing;
using UpdateServer.Testing;

namespace UpdateServer.EndToEnd.Tests.ScaleOut;

/// <summary>Publishes from many vendors at once, split over two instances sharing PostgreSQL, Azurite and Redis.</summary>
public sealed class ConcurrentPublishTests
{
    private const int Vendors = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwentyPublishesOverTwoInstancesGetIncreasingSnapshotsThatNeverDropARole()
    {
        await using var cluster = ServedRepository.OnSharedServices(moreVendors: Vendors);
        var a = await cluster.StartServerAsync();
        var b = await cluster.StartServerAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var uploads = new List<(Publication Publication, ServerProcess Server, TestVendor Vendor)>();
        foreach (var (vendor, index) in cluster.Repository.MoreVendors.Select((v, i) => (v, i)))
        {
            var publication = cluster.Publication(vendor);
            await publication.AddPackageAsync($"{vendor.Name}.app", "1.0.0");
            uploads.Add((publication, index % 2 == 0 ? a : b, vendor));
        }

        var responses = await Task.WhenAll(uploads.Select(u => cluster.PublishAsync(http, u.Server, u.Publication, u.Vendor)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var results = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<PublishResult>(Ct)));
        var snapshotVersions = results.Select(r => r!.SnapshotVersion).Order().ToList();
        Assert.Equal(Vendors, snapshotVersions.Distinct().Count());
        Assert.Equal(Enumerable.Range((int)snapshotVersions[0], Vendors).Select(v => (long)v), snapshotVersions);
        await AssertSnapshotsOnlyEverGrowAsync(http, a, b, cluster.Repository.RootBytes, snapshotVersions[^1]);
        await AssertEveryReleaseVerifiesAsync(http, b, cluster);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    /// <summary>Every snapshot is signed by the snapshot key and lists every role of the one before it at the same or a newer version.</summary>
    private static async Task AssertSnapshotsOnlyEverGrowAsync(HttpClient http, ServerProcess a, ServerProcess b, byte[] rootBytes, long last)
    {
        var root = Metadata.FromBytes<RootMetadata>(rootBytes).Signed;
        IReadOnlyDictionary<string, MetaFile> previous = new Dictionary<string, MetaFile>();
        for (var version = 1L; version <= last; version++)
        {
            var server = version % 2 == 0 ? a : b;
            var snapshot = Metadata.FromBytes<SnapshotMetadata>(await http.GetByteArrayAsync(new Uri(server.Url, $"tuf/metadata/{version}.snapshot.json"), Ct));
            snapshot.VerifySignedBy(RoleNames.Snapshot, root.Keys, root.RoleFor(RoleNames.Snapshot));
            foreach (var (file, meta) in previous)
            {
                Assert.True(snapshot.Signed.Meta.TryGetValue(file, out var now) && now.Version >= meta.Version,
                    $"snapshot {version} lists {file} older than snapshot {version - 1} did");
            }

            previous = snapshot.Signed.Meta;
        }

        Assert.Equal(Vendors, previous.Keys.Count(f => f.StartsWith("vendor", StringComparison.Ordinal)));
    }

    /// <summary>A TUF client that trusts only root.json finds and downloads every vendor's release through B.</summary>
    private static async Task AssertEveryReleaseVerifiesAsync(HttpClient http, ServerProcess server, ServedRepository cluster)
    {
        var folder = Directory.CreateDirectory(Path.Combine(cluster.Repository.Directory, "client")).FullName;
        var store = new DirectoryMetadataStore(folder);
        store.Write(RoleNames.Root, cluster.Repository.RootBytes);
        var client = new TufClient(new HttpRepositoryTransport(http, new Uri(server.Url, "tuf/metadata/"), new Uri(server.Url, "tuf/targets/")),
            store, TimeProvider.System);
        await client.RefreshAsync(Ct);
        foreach (var vendor in cluster.Repository.MoreVendors)
        {
            var path = $"{vendor.Name}/{vendor.Name}.app-1.0.0.upkg";
            var target = await client.FindTargetAsync(path, Ct);
            Assert.NotNull(target);
            await client.DownloadTargetAsync(path, target, Path.Combine(folder, vendor.Name + ".upkg"), null, Ct);
        }
    }
}
