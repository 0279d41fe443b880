using System.Net;
using System.Net.Http.Json;
using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Publishing;
using UpdateServer.Testing;

namespace UpdateServer.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Two server processes, A and B, on one PostgreSQL database, one Azurite container and one Redis — always, whatever
/// backend the rest of the run uses, since that is what several instances run on.
/// </summary>
public sealed class TwoInstanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReleasePublishedOnOneInstanceIsAdvisedByTheOtherAtOnce()
    {
        // Polling only once an hour: what B learns here, it learns from Redis.
        var settings = new Dictionary<string, string> { ["Cache:GenerationPollInterval"] = "01:00:00" };
        await using var cluster = ServedRepository.OnSharedServices();
        var a = await cluster.StartServerAsync(settings);
        var b = await cluster.StartServerAsync(settings);
        using var http = new HttpClient();
        Assert.Equal("unknown-product", (await ServedRepository.CheckAsync(http, b, "acme.culture-platform")).Products.Single().Status);
        var publication = cluster.Publication();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");

        using var published = await cluster.PublishAsync(http, a, publication);
        var check = await ServedRepository.CheckAsync(http, b, "acme.culture-platform");
        var timestamp = Metadata.FromBytes<TimestampMetadata>(await http.GetByteArrayAsync(new Uri(b.Url, "tuf/metadata/timestamp.json"), Ct));

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var result = (await published.Content.ReadFromJsonAsync<PublishResult>(Ct))!;
        Assert.Equal("1.0.0", Assert.Single(check.Steps).Version);
        Assert.Equal(result.SnapshotVersion, check.SnapshotVersion);
        Assert.Equal(result.SnapshotVersion, timestamp.Signed.SnapshotMeta.Version);
    }

    [Fact]
    public async Task AYankOnOneInstanceStopsTheOtherFromAdvisingTheReleaseAtOnce()
    {
        // Polling only once an hour: what B learns here, it learns from Redis.
        var settings = new Dictionary<string, string> { ["Cache:GenerationPollInterval"] = "01:00:00" };
        await using var cluster = ServedRepository.OnSharedServices();
        var a = await cluster.StartServerAsync(settings);
        var b = await cluster.StartServerAsync(settings);
        using var http = new HttpClient();
        var first = cluster.Publication();
        await first.AddPackageAsync("acme.culture-platform", "1.0.0");
        await first.AddPackageAsync("acme.culture-platform", "1.1.0");
        (await cluster.PublishAsync(http, a, first)).EnsureSuccessStatusCode();
        var machine = ServedRepository.CheckOf("acme.culture-platform");
        Assert.Equal("1.1.0", Assert.Single((await ServedRepository.CheckAsync(http, b, machine)).Steps).Version);
        var yank = cluster.Publication();
        yank.Version = 2;
        yank.AddExisting(first.Targets);
        const string Yanked = "acme/acme.culture-platform-1.1.0.upkg";
        yank.Relist(Yanked, first.Targets[Yanked], custom => custom["state"] = Packaging.Catalog.ReleaseStates.Yanked);

        (await cluster.PublishAsync(http, a, yank)).EnsureSuccessStatusCode();
        var again = await ServedRepository.CheckAsync(http, b, machine);

        Assert.Equal("1.0.0", Assert.Single(again.Steps).Version);
    }

    [Fact]
    public async Task WithoutRedisTheOtherInstanceCatchesUpByPollingTheGeneration()
    {
        var settings = new Dictionary<string, string> { ["Cache:Provider"] = "Memory", ["Cache:GenerationPollInterval"] = "00:00:00.2" };
        await using var cluster = ServedRepository.OnSharedServices();
        var a = await cluster.StartServerAsync(settings);
        var b = await cluster.StartServerAsync(settings);
        using var http = new HttpClient();
        Assert.Empty((await ServedRepository.CheckAsync(http, b, "acme.culture-platform")).Steps);
        var publication = cluster.Publication();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");

        (await cluster.PublishAsync(http, a, publication)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var steps = 0;
        while (steps == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
            steps = (await ServedRepository.CheckAsync(http, b, "acme.culture-platform")).Steps.Count;
        }

        Assert.Equal(1, steps);
    }
}
