using UpdateServer.Packaging.Packages;

namespace UpdateServer.Packaging.Tests.Packages;

public sealed class PackageExtractorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RefusesNonEmptyDestinationAndLeavesItUntouched()
    {
        using var temp = new TempFolder();
        var package = await BuildSampleAsync(temp);
        var kept = temp.WriteFile("destination/keep.txt", "mine");

        var error = await Assert.ThrowsAsync<ExtractionDestinationNotEmptyException>(() => PackageExtractor.ExtractAsync(package, temp.Join("destination"), Token));

        Assert.Equal(temp.Join("destination"), error.Destination);
        Assert.Equal(["destination", "destination/keep.txt", "source.upkg"], temp.List().Where(path => !path.StartsWith("source/", StringComparison.Ordinal) && path != "source"));
        Assert.Equal("mine", await File.ReadAllTextAsync(kept, Token));
        Assert.Equal(0, package.Position);
    }

    [Fact]
    public async Task RefusesDestinationThatIsAFile()
    {
        using var temp = new TempFolder();
        var package = await BuildSampleAsync(temp);
        var file = temp.WriteFile("destination", "a file");

        await Assert.ThrowsAsync<ExtractionDestinationNotEmptyException>(() => PackageExtractor.ExtractAsync(package, file, Token));

        Assert.Equal("a file", await File.ReadAllTextAsync(file, Token));
    }

    [Fact]
    public async Task CreatesMissingParentsOfTheDestinationAndRemovesThemOnFailure()
    {
        using var temp = new TempFolder();
        var package = new MemoryStream(MaliciousArchives.Build("ContentDiffersFromHash", temp.Path));

        await Assert.ThrowsAsync<PackageContentMismatchException>(() => PackageExtractor.ExtractAsync(package, temp.Join("a/b/destination"), Token));

        Assert.Empty(temp.List());
    }

    [Fact]
    public async Task CancellationMidwayUndoesEverything()
    {
        using var temp = new TempFolder();
        var package = await BuildSampleAsync(temp);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var cancelling = new CancellingStream(package, cancelAfterBytes: package.Length / 2, cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PackageExtractor.ExtractAsync(cancelling, temp.Join("destination"), cancellation.Token));

        Assert.False(Directory.Exists(temp.Join("destination")));
    }

    [Fact]
    public async Task DoesNotWriteTheManifestIntoTheDestination()
    {
        using var temp = new TempFolder();
        var package = await BuildSampleAsync(temp);

        await PackageExtractor.ExtractAsync(package, temp.Join("destination"), Token);

        Assert.False(File.Exists(temp.Join("destination/manifest.json")));
    }

    private static async Task<MemoryStream> BuildSampleAsync(TempFolder temp)
    {
        var package = new MemoryStream();
        await PackageBuilder.WriteAsync(PackageSamples.CreateSource(temp), package, Token);
        await File.WriteAllBytesAsync(temp.Join("source.upkg"), package.ToArray(), Token);
        package.Position = 0;
        return package;
    }

    /// <summary>Cancels a token once a given number of bytes has been read, to stop an extraction part way.</summary>
    private sealed class CancellingStream(Stream inner, long cancelAfterBytes, CancellationTokenSource cancellation) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Math.Min(count, 4096)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (_read >= cancelAfterBytes)
            {
                cancellation.Cancel();
            }

            return read;
        }
    }
}
