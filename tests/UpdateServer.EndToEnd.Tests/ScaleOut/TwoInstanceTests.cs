using System.Net;
using System.Net.Http.Json;
using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Publishing;
using UpdateServer.Testing;

namespace UpdateServer.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Two server processes, A and B, on one PostgreSQL database, one Azurite container and one Redis — always, whatever
/// backend the rest of the run uses, since that is what several instances run on. Redis delivers A's announcement to B
/// asynchronously (milliseconds, more on a loaded machine), so B is asked again for up to <see cref="Announced"/>;
/// with the generation poll set to an hour, what B learns within that, it learns from Redis.
/// </summary>
public sealed class TwoInstanceTests
{
    private static readonly TimeSpan Announced = TimeSpan.FromSeconds(2);

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
        var check = await CheckUntilAsync(http, b, ServedRepository.CheckOf("acme.culture-platform"), c => c.Steps.Count > 0, Announced);
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
        var again = await CheckUntilAsync(http, b, machine, c => c.Steps.All(s => s.Version != "1.1.0"), Announced);

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
        var check = await CheckUntilAsync(http, b, ServedRepository.CheckOf("acme.culture-platform"), c => c.Steps.Count > 0, TimeSpan.FromSeconds(5));

        Assert.Single(check.Steps);
    }

    /// <summary>Asks <paramref name="server"/> until its answer meets <paramref name="seen"/> or <paramref name="within"/> passed; the last answer.</summary>
    private static async Task<Packaging.Api.CheckResponse> CheckUntilAsync(HttpClient http, ServerProcess server, Packaging.Api.CheckRequest request,
        Func<Packaging.Api.CheckResponse, bool> seen, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var check = await ServedRepository.CheckAsync(http, server, request);
            if (seen(check) || DateTime.UtcNow >= deadline)
            {
                return check;
            }

            await Task.Delay(20, Ct);
        }
    }
}
