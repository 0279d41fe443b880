using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.EndToEnd.Tests.Robustness;

/// <summary>
/// Clients that lie, stall or ask for nonsense get a clean 4xx from a real server process, which cleans up after them
/// and whose memory stays flat however many bytes pass through it.
/// </summary>
public sealed class HostileRequestTests
{
    private const long MiB = 1024 * 1024;

    /// <summary>What a server may grow by while all the bytes of a test pass through it.</summary>
    private const long FlatMemoryBytes = 64 * MiB;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUploadClaimingFiveGigabytesIsRefusedAtThePackageLimitWithoutGrowingMemory()
    {
        await using var served = ServedRepository.OnTestBackend();
        var server = await served.StartServerAsync(new Dictionary<string, string> { ["Repository:MaxPackageBytes"] = (32 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var peakBefore = server.PeakResidentBytes;
        var publication = served.Publication();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        await using var connection = await RawHttpConnection.OpenAsync(server.Url);

        await connection.SendAsync(PublishHead(served, contentLength: 5_000_000_000) + MetadataPart(publication) + PackagePartHead());
        var zeros = new byte[MiB];
        var sent = 0L;
        while (sent < 512 * MiB && !connection.Answered && await connection.SendAsync(zeros))
        {
            sent += zeros.Length;
        }

        var response = await connection.ResponseAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(413, RawHttpConnection.StatusOf(response));
        Assert.Contains("urn:updateserver:problem:payload-too-large", response, StringComparison.Ordinal);
        Assert.True(sent < 512 * MiB, "the server read on past its limit");
        Assert.InRange(server.PeakResidentBytes - peakBefore, long.MinValue, FlatMemoryBytes);
        await AssertSpoolEmptyAsync(server);
    }

    [Fact]
    public async Task AnUploadThatTricklesInIsCutOffAndItsSpoolRemoved()
    {
        await using var served = ServedRepository.OnTestBackend();
        var server = await served.StartServerAsync();
        var publication = served.Publication();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        await using var connection = await RawHttpConnection.OpenAsync(server.Url);

        await connection.SendAsync(PublishHead(served, contentLength: 10 * MiB) + MetadataPart(publication) + PackagePartHead());
        var started = DateTime.UtcNow;
        while (!connection.Answered && DateTime.UtcNow - started < TimeSpan.FromSeconds(30) && await connection.SendAsync("x"))
        {
            await Task.Delay(250, Ct);
        }

        var response = await connection.ResponseAsync(TimeSpan.FromSeconds(10));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "a client sending 4 bytes a second held the upload open");
        Assert.Equal(408, RawHttpConnection.StatusOf(response));
        await AssertSpoolEmptyAsync(server);
    }

    [Fact]
    public async Task RequestHeadersThatTrickleInAreCutOff()
    {
        await using var served = ServedRepository.OnTestBackend();
        var server = await served.StartServerAsync(new Dictionary<string, string> { ["Kestrel:Limits:RequestHeadersTimeout"] = "00:00:02" });
        await using var connection = await RawHttpConnection.OpenAsync(server.Url);

        await connection.SendAsync("GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
        var started = DateTime.UtcNow;
        while (!connection.Answered && DateTime.UtcNow - started < TimeSpan.FromSeconds(20) && await connection.SendAsync("X"))
        {
            await Task.Delay(250, Ct);
        }

        var response = await connection.ResponseAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(408, RawHttpConnection.StatusOf(response));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "slow headers held the connection open");
    }

    [Fact]
    public async Task ALargeTargetStreamsWholeAndInRangesWhileTheServersMemoryStaysFlat()
    {
        await using var served = ServedRepository.OnTestBackend();
        var server = await served.StartServerAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
        var publication = served.Publication();
        var package = await publication.AddPackageAsync("acme.big", "1.0.0",
            editSource: folder => File.WriteAllBytes(Path.Combine(folder, "payload", "big.bin"), RandomNumberGenerator.GetBytes((int)(128 * MiB))));
        var url = new Uri(server.Url, $"tuf/targets/acme/{FileHashes.Sha256Hex(package)}.acme.big-1.0.0.upkg");
        var peakBefore = server.PeakResidentBytes;

        (await served.PublishAsync(http, server, publication)).EnsureSuccessStatusCode();
        var downloads = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Sha256Async(http, url, range: null)));
        var middle = await RangeAsync(http, url, 64 * MiB, (64 * MiB) + 99);
        var tail = await RangeAsync(http, url, package.Length - 10, null);

        Assert.All(downloads, d => Assert.Equal(FileHashes.Sha256Hex(package), d));
        Assert.Equal(package.AsSpan((int)(64 * MiB), 100).ToArray(), middle);
        Assert.Equal(package[^10..], tail);
        Assert.InRange(server.PeakResidentBytes - peakBefore, long.MinValue, FlatMemoryBytes);
    }

    [Theory]
    [InlineData("bytes=abc")]
    [InlineData("bytes=9-2")]
    [InlineData("bytes=")]
    [InlineData("bytes=999999999999-")]
    [InlineData("bytes=-0")]
    public async Task MalformedOrOutOfBoundsRangesOfATargetAreRefusedWith416(string range)
    {
        await using var served = ServedRepository.OnTestBackend();
        var server = await served.StartServerAsync();
        using var http = new HttpClient();
        var publication = served.Publication();
        var package = await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await served.PublishAsync(http, server, publication)).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(server.Url, $"tuf/targets/acme/{FileHashes.Sha256Hex(package)}.acme.culture-platform-1.0.0.upkg"));
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{package.Length}", response.Content.Headers.GetValues("Content-Range").Single());
        Assert.Contains("urn:updateserver:problem:range-not-satisfiable", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static string PublishHead(ServedRepository served, long contentLength) =>
        "POST /api/v1/publish/acme HTTP/1.1\r\nHost: localhost\r\n" +
        $"Authorization: Bearer {served.Repository.AcmeApiKey}\r\n" +
        "Content-Type: multipart/form-data; boundary=hostile\r\n" +
        $"Content-Length: {contentLength}\r\n\r\n";

    private static string MetadataPart(Testing.Publication publication) =>
        "--hostile\r\nContent-Disposition: form-data; name=\"metadata\"; filename=\"acme.json\"\r\n\r\n" +
        System.Text.Encoding.UTF8.GetString(publication.SignedMetadata()) + "\r\n";

    private static string PackagePartHead() =>
        "--hostile\r\nContent-Disposition: form-data; name=\"package\"; filename=\"big.upkg\"\r\nContent-Type: application/octet-stream\r\n\r\n";

    private static async Task<string> Sha256Async(HttpClient http, Uri url, RangeHeaderValue? range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = range;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(body, Ct));
    }

    private static async Task<byte[]> RangeAsync(HttpClient http, Uri url, long from, long? to)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(from, to);
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    private static async Task AssertSpoolEmptyAsync(ServerProcess server)
    {
        var spool = Path.Combine(server.DataDirectory, "spool");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.Exists(spool) && Directory.EnumerateFileSystemEntries(spool).Any())
        {
            Assert.True(DateTime.UtcNow < deadline, "the refused upload stayed in the spool");
            await Task.Delay(100, Ct);
        }
    }
}
