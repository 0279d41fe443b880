using System.Net;
using Microsoft.EntityFrameworkCore;
using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Repository;

namespace UpdateServer.EndToEnd.Tests.Robustness;

/// <summary>The server process is killed after a publish stored its blobs and before it committed.</summary>
public sealed class CrashDuringPublishTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACrashBetweenBlobUploadAndCommitLeavesNoHalfReleaseAndTheSamePublishSucceedsAfterwards()
    {
        await using var served = ServedRepository.OnTestBackend();
        var server = await served.StartServerAsync();
        using var http = new HttpClient();
        var before = await SnapshotVersionAsync(http, server);
        var publication = served.Publication();
        var package = await publication.AddPackageAsync("acme.culture-platform", "1.0.0");

        // Holding the repository's write lock from outside stops the publish right before its commit, after the upload.
        Task<HttpResponseMessage> publish;
        await using (var db = served.Backend.OpenDatabase())
        {
            await using var hold = await db.Database.BeginTransactionAsync(Ct);
            await db.IncrementGenerationAsync(Ct);
            publish = served.PublishAsync(http, server, publication);
            await WaitForBlobsAsync(served, 1);
            await server.KillAsync();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => publish);
        }

        var restarted = await served.StartServerAsync();
        Assert.Equal(before, await SnapshotVersionAsync(http, restarted));
        Assert.Equal("unknown-product", (await ServedRepository.CheckAsync(http, restarted, "acme.culture-platform")).Products.Single().Status);
        using (var vendorRole = await http.GetAsync(new Uri(restarted.Url, "tuf/metadata/acme.json"), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, vendorRole.StatusCode);
        }

        await using (var db = served.Backend.OpenDatabase())
        {
            Assert.Equal(0, await db.Releases.CountAsync(Ct));
        }

        using var retry = await served.PublishAsync(http, restarted, publication);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("1.0.0", Assert.Single((await ServedRepository.CheckAsync(http, restarted, "acme.culture-platform")).Steps).Version);
        Assert.Equal(before + 1, await SnapshotVersionAsync(http, restarted));
        var target = $"tuf/targets/acme/{FileHashes.Sha256Hex(package)}.acme.culture-platform-1.0.0.upkg";
        Assert.Equal(package, await http.GetByteArrayAsync(new Uri(restarted.Url, target), Ct));
    }

    private static async Task<long> SnapshotVersionAsync(HttpClient http, ServerProcess server) =>
        Metadata.FromBytes<TimestampMetadata>(await http.GetByteArrayAsync(new Uri(server.Url, "tuf/metadata/timestamp.json"), Ct)).Signed.SnapshotMeta.Version;

    private static async Task WaitForBlobsAsync(ServedRepository served, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await served.Backend.CountBlobsAsync(Ct) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the publish never stored its package");
            await Task.Delay(50, Ct);
        }
    }
}
