using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>Fetching a target (TUF spec 5.7): the URL, the length cap, the hashes, and nothing left behind on failure.</summary>
public sealed class TargetDownloadTests : IDisposable
{
    private const string TargetPath = "apps/tool v2.zip";
    private static readonly byte[] Content = [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7))];
    private readonly TemporaryDirectory _temp = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WritesVerifiedBytesToTheDestination(bool consistentSnapshot)
    {
        var (repository, client, target) = await ClientWithTargetAsync(consistentSnapshot);
        var destination = Path.Combine(_temp.Path, "tool.zip");
        var progress = new List<long>();

        await client.DownloadTargetAsync(TargetPath, target, destination, new SynchronousProgress(progress),
            TestContext.Current.CancellationToken);

        Assert.Equal(Content, await File.ReadAllBytesAsync(destination, TestContext.Current.CancellationToken));
        Assert.Equal([repository.TargetUrlFor(TargetPath, Content)], repository.TargetRequests);
        Assert.Equal(["tool.zip"], _temp.Entries());
        Assert.Equal(Content.Length, progress[^1]);
    }

    [Theory]
    [InlineData(true, "apps/{0}.tool%20v2.zip")]
    [InlineData(false, "apps/tool%20v2.zip")]
    public async Task NamesTargetByHashOnlyWithConsistentSnapshots(bool consistentSnapshot, string format)
    {
        var (_, client, target) = await ClientWithTargetAsync(consistentSnapshot);

        var url = client.TargetUrl(TargetPath, target);

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, target.Sha256), url);
    }

    [Theory]
    [InlineData("one byte changed", typeof(LengthOrHashMismatchException))]
    [InlineData("one byte more", typeof(DownloadLengthExceededException))]
    [InlineData("many bytes more", typeof(DownloadLengthExceededException))]
    [InlineData("one byte fewer", typeof(LengthOrHashMismatchException))]
    [InlineData("nothing", typeof(LengthOrHashMismatchException))]
    public async Task RefusesTamperedTargetAndLeavesNoFile(string served, Type expected)
    {
        var (repository, client, target) = await ClientWithTargetAsync(consistentSnapshot: true);
        var tampered = served switch
        {
            "one byte changed" => Changed(Content, Content.Length / 2),
            "one byte more" => [.. Content, 0],
            "many bytes more" => [.. Content, .. Content],
            "one byte fewer" => Content[..^1],
            _ => [],
        };
        repository.ServeTarget(repository.TargetUrlFor(TargetPath, Content), tampered);
        var destination = Path.Combine(_temp.Path, "tool.zip");

        await Assert.ThrowsAsync(expected, () => client.DownloadTargetAsync(TargetPath, target, destination, null,
            TestContext.Current.CancellationToken));

        Assert.Empty(_temp.Entries());
    }

    [Fact]
    public async Task KeepsExistingDestinationWhenDownloadFails()
    {
        var (repository, client, target) = await ClientWithTargetAsync(consistentSnapshot: true);
        repository.ServeTarget(repository.TargetUrlFor(TargetPath, Content), Changed(Content, 0));
        var destination = Path.Combine(_temp.Path, "tool.zip");
        await File.WriteAllBytesAsync(destination, [9, 9, 9], TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<LengthOrHashMismatchException>(() => client.DownloadTargetAsync(TargetPath, target, destination,
            null, TestContext.Current.CancellationToken));

        Assert.Equal([9, 9, 9], await File.ReadAllBytesAsync(destination, TestContext.Current.CancellationToken));
        Assert.Equal(["tool.zip"], _temp.Entries());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65_536)]
    [InlineData(199_999)]
    public async Task ResumesFromTheKeptPartialFileAndHashesItsPrefixAgain(int kept)
    {
        var (repository, client, target) = await ClientWithTargetAsync(consistentSnapshot: true);
        var destination = Path.Combine(_temp.Path, "tool.zip");
        await File.WriteAllBytesAsync(destination + ".partial", Content[..kept], TestContext.Current.CancellationToken);

        await client.DownloadTargetAsync(TargetPath, target, destination, null, TestContext.Current.CancellationToken);

        Assert.Equal([(long)kept], repository.TargetOffsets);
        Assert.Equal(Content, await File.ReadAllBytesAsync(destination, TestContext.Current.CancellationToken));
        Assert.Equal(["tool.zip"], _temp.Entries());
    }

    [Fact]
    public async Task RefusesAPartialFileWhosePrefixIsWrongAndDeletesIt()
    {
        var (_, client, target) = await ClientWithTargetAsync(consistentSnapshot: true);
        var destination = Path.Combine(_temp.Path, "tool.zip");
        await File.WriteAllBytesAsync(destination + ".partial", Changed(Content, 10)[..1000], TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<LengthOrHashMismatchException>(() =>
            client.DownloadTargetAsync(TargetPath, target, destination, null, TestContext.Current.CancellationToken));
        Assert.Empty(_temp.Entries());

        await client.DownloadTargetAsync(TargetPath, target, destination, null, TestContext.Current.CancellationToken);
        Assert.Equal(Content, await File.ReadAllBytesAsync(destination, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RestartsFromZeroWhenThePartialFileIsLongerThanTheSignedLength()
    {
        var (repository, client, target) = await ClientWithTargetAsync(consistentSnapshot: true);
        var destination = Path.Combine(_temp.Path, "tool.zip");
        await File.WriteAllBytesAsync(destination + ".partial", [.. Content, 1], TestContext.Current.CancellationToken);

        await client.DownloadTargetAsync(TargetPath, target, destination, null, TestContext.Current.CancellationToken);

        Assert.Equal([0L], repository.TargetOffsets);
        Assert.Equal(Content, await File.ReadAllBytesAsync(destination, TestContext.Current.CancellationToken));
    }

    public void Dispose() => _temp.Dispose();

    private static async Task<(SimulatedRepository, TufClient, TargetFile)> ClientWithTargetAsync(bool consistentSnapshot)
    {
        var repository = new SimulatedRepository(consistentSnapshot);
        repository.AddTarget("targets", TargetPath, Content);
        repository.Publish();
        var client = await new ClientDevice(repository).RefreshAsync();
        var target = await client.FindTargetAsync(TargetPath, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("The target should be listed.");
        return (repository, client, target);
    }

    private static byte[] Changed(byte[] content, int index)
    {
        var copy = content.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }

    /// <summary>Records reports on the reporting thread, unlike <see cref="Progress{T}"/> which posts them later.</summary>
    private sealed class SynchronousProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
