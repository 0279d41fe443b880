namespace UpdateServer.Packaging.Trust.Client;

/// <summary>
/// Reads a TUF repository laid out in a folder: <c>metadata/</c> (e.g. <c>3.root.json</c>, <c>timestamp.json</c>) and
/// <c>targets/</c> (e.g. <c>acme/HASH.acme.tool-1.0.0.upkg</c>). Used for a local mirror and for an extracted offline
/// bundle. Names that would leave the folder are refused; what the files hold is verified by the client, not here.
/// </summary>
public sealed class DirectoryRepositoryTransport : IRepositoryTransport
{
    private readonly string _metadata;
    private readonly string _targets;

    /// <param name="root">The folder holding <c>metadata/</c> and <c>targets/</c>.</param>
    public DirectoryRepositoryTransport(string root)
    {
        var full = Path.GetFullPath(root);
        _metadata = Path.Combine(full, "metadata") + Path.DirectorySeparatorChar;
        _targets = Path.Combine(full, "targets") + Path.DirectorySeparatorChar;
    }

    public async Task<byte[]> FetchMetadataAsync(string fileName, long maxLength, CancellationToken cancellationToken)
    {
        var path = Resolve(_metadata, fileName);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new RepositoryFileNotFoundException(fileName);
        }

        // TUF 5.3.3/5.4.1/5.5.1/5.6.1: never read more than the allowed length (endless data), even from a local file.
        if (info.Length > maxLength)
        {
            throw new DownloadLengthExceededException(fileName, maxLength);
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    public Task<Stream> OpenTargetAsync(string relativeUrl, long offset, CancellationToken cancellationToken)
    {
        var path = Resolve(_targets, relativeUrl);
        if (!File.Exists(path))
        {
            throw new DownloadFailedException($"{relativeUrl}: not in {_targets}.");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        stream.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream>(stream);
    }

    /// <summary>
    /// The file for a URL-escaped relative name, which must stay inside <paramref name="baseDirectory"/>. Files keep
    /// their escaped names (a bundle stores <c>acme.tool-1.0.0%2Bb.1.upkg</c> as it was fetched), so nothing is unescaped.
    /// </summary>
    private static string Resolve(string baseDirectory, string escapedName)
    {
        var segments = escapedName.Split('/');
        if (segments.Any(s => s is "" or "." or ".." || s.Contains('/') || s.Contains('\\') || s.Contains('\0')))
        {
            throw new DownloadFailedException($"{escapedName}: not a file name inside the repository.");
        }

        var path = Path.GetFullPath(Path.Combine([baseDirectory, .. segments]));
        return path.StartsWith(baseDirectory, StringComparison.Ordinal)
            ? path
            : throw new DownloadFailedException($"{escapedName}: not a file name inside the repository.");
    }
}
