namespace UpdateServer.Packaging.Trust.Client;

/// <summary>
/// Where a <see cref="TufClient"/> gets bytes from: an HTTP repository, an offline bundle, a folder. Every byte
/// it returns is treated as hostile; the transport's job is only to fetch within the given caps.
/// </summary>
public interface IRepositoryTransport
{
    /// <summary>Fetches a metadata file such as <c>3.root.json</c> or <c>timestamp.json</c>.</summary>
    /// <param name="fileName">The file name relative to the metadata base, role names already URL-escaped.</param>
    /// <param name="maxLength">Fail rather than read more than this many bytes (endless-data attack).</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <exception cref="RepositoryFileNotFoundException">The repository does not have the file (HTTP 403/404).</exception>
    /// <exception cref="DownloadLengthExceededException">The file is longer than <paramref name="maxLength"/>.</exception>
    /// <exception cref="DownloadFailedException">Any other transport failure, including timeouts and stalls.</exception>
    Task<byte[]> FetchMetadataAsync(string fileName, long maxLength, CancellationToken cancellationToken);

    /// <summary>Opens a target file for reading from <paramref name="offset"/>; the caller caps and verifies what it reads.</summary>
    /// <param name="relativeUrl">The path relative to the targets base, segments URL-escaped.</param>
    /// <param name="offset">Where to start, for resuming an interrupted download; 0 for the whole file.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>A stream of the file from <paramref name="offset"/>; the caller disposes it.</returns>
    /// <exception cref="DownloadFailedException">The file cannot be fetched.</exception>
    Task<Stream> OpenTargetAsync(string relativeUrl, long offset, CancellationToken cancellationToken);
}
