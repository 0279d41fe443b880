using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Benchmarks.Repository;

/// <summary>
/// A repository's metadata files served from memory, counting what clients fetch. Serves no target files:
/// the measurements stop at finding a target's trusted description.
/// </summary>
public sealed class InMemoryRepository : IRepositoryTransport
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>Bytes returned by <see cref="FetchMetadataAsync"/> since the last <see cref="ResetCounters"/>.</summary>
    public long BytesServed { get; private set; }

    /// <summary>Metadata requests (found or not) since the last <see cref="ResetCounters"/>.</summary>
    public int Requests { get; private set; }

    /// <summary>Serves <paramref name="bytes"/> as <paramref name="fileName"/>, replacing an earlier file of that name.</summary>
    public void Serve(string fileName, byte[] bytes) => _files[fileName] = bytes;

    public void ResetCounters()
    {
        BytesServed = 0;
        Requests = 0;
    }

    /// <summary>A copy of the file, as a network transport hands the client a fresh buffer.</summary>
    /// <exception cref="RepositoryFileNotFoundException">No such file (the normal end of the root rotation loop).</exception>
    /// <exception cref="DownloadLengthExceededException">The file is longer than <paramref name="maxLength"/>.</exception>
    public Task<byte[]> FetchMetadataAsync(string fileName, long maxLength, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Requests++;
        if (!_files.TryGetValue(fileName, out var bytes))
        {
            throw new RepositoryFileNotFoundException(fileName);
        }

        if (bytes.Length > maxLength)
        {
            throw new DownloadLengthExceededException(fileName, maxLength);
        }

        BytesServed += bytes.Length;
        return Task.FromResult(bytes.ToArray());
    }

    /// <exception cref="DownloadFailedException">Always: this repository serves metadata only.</exception>
    public Task<Stream> OpenTargetAsync(string relativeUrl, long offset, CancellationToken cancellationToken) =>
        throw new DownloadFailedException($"{relativeUrl}: the in-memory repository serves metadata only.");
}
