using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Packaging.Tests.Trust.Transport;

public sealed class HttpRepositoryTransportTests : IAsyncLifetime
{
    private static readonly TransportLimits Tight = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(2),
        StallTimeout = TimeSpan.FromMilliseconds(500),
        MinimumBytesPerSecond = 1000,
        RateGracePeriod = TimeSpan.FromMilliseconds(300),
    };

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private MisbehavingServer _server = null!;
    private HttpRepositoryTransport _transport = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await MisbehavingServer.StartAsync();
        _transport = new HttpRepositoryTransport(_http, _server.BaseAddress, _server.BaseAddress, Tight);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task FetchesMetadataWithinItsCap() =>
        Assert.Equal("{\"ok\":true}"u8.ToArray(), await _transport.FetchMetadataAsync("ok.json", 100, Ct));

    [Theory]
    [InlineData("missing.json")]
    [InlineData("forbidden.json")]
    public async Task ReportsAbsentFilesAsNotFound(string name) =>
        await Assert.ThrowsAsync<RepositoryFileNotFoundException>(() => _transport.FetchMetadataAsync(name, 100, Ct));

    [Fact]
    public async Task ReportsServerErrorsAsFailedDownloads() =>
        await Assert.ThrowsAsync<DownloadFailedException>(() => _transport.FetchMetadataAsync("broken.json", 100, Ct));

    [Fact]
    public async Task RefusesADeclaredLengthOverTheCapBeforeReading() =>
        await Assert.ThrowsAsync<DownloadLengthExceededException>(() => _transport.FetchMetadataAsync("large-declared.json", 1000, Ct));

    [Fact]
    public async Task StopsReadingEndlessDataAtTheCap() =>
        await Assert.ThrowsAsync<DownloadLengthExceededException>(() => _transport.FetchMetadataAsync("endless.json", 64 * 1024, Ct));

    [Fact]
    public async Task AbandonsATransferThatStalls()
    {
        var error = await Assert.ThrowsAsync<DownloadFailedException>(() => _transport.FetchMetadataAsync("stalls.json", 1000, Ct));

        Assert.Contains("no data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbandonsAServerThatNeverAnswers() =>
        await Assert.ThrowsAsync<DownloadFailedException>(() => _transport.FetchMetadataAsync("no-headers.json", 1000, Ct));

    [Fact]
    public async Task AbandonsATransferBelowTheMinimumRate()
    {
        await using var stream = await _transport.OpenTargetAsync("drips.bin", 0, Ct);

        var error = await Assert.ThrowsAsync<DownloadFailedException>(() => stream.CopyToAsync(Stream.Null, Ct));

        Assert.Contains("below the minimum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumesATargetFromAnOffset()
    {
        await using var stream = await _transport.OpenTargetAsync("target.bin", 99_990, Ct);
        using var rest = new MemoryStream();

        await stream.CopyToAsync(rest, Ct);

        Assert.Equal(Enumerable.Range(99_990, 10).Select(i => (byte)i), rest.ToArray());
    }

    [Theory]
    [InlineData("range-from-zero.bin", "the server sent bytes from 0")]
    [InlineData("range-unstated.bin", "the server sent no Content-Range")]
    [InlineData("range-ignored.bin", "the server answered 200")]
    public async Task RefusesAResumedTransferThatDoesNotStartAtTheOffset(string name, string expected)
    {
        var error = await Assert.ThrowsAsync<DownloadFailedException>(() => _transport.OpenTargetAsync(name, 99_990, Ct));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
