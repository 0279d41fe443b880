using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>
/// A malicious mirror that forges nothing: it serves genuine files it captured earlier in place of the current ones
/// (<paramref name="replayed"/>, by file name) and otherwise whatever the repository behind it serves. Files it
/// should not have at all can be hidden.
/// </summary>
public sealed class ReplayingMirror(IRepositoryTransport repository, IReadOnlyDictionary<string, byte[]> replayed) : IRepositoryTransport
{
    /// <summary>File names this mirror answers "not found" for.</summary>
    public HashSet<string> Hidden { get; } = new(StringComparer.Ordinal);

    public Task<byte[]> FetchMetadataAsync(string fileName, long maxLength, CancellationToken cancellationToken) =>
        Hidden.Contains(fileName) ? throw new RepositoryFileNotFoundException(fileName)
        : replayed.TryGetValue(fileName, out var bytes) ? Task.FromResult(bytes.ToArray())
        : repository.FetchMetadataAsync(fileName, maxLength, cancellationToken);

    public Task<Stream> OpenTargetAsync(string relativeUrl, long offset, CancellationToken cancellationToken) =>
        repository.OpenTargetAsync(relativeUrl, offset, cancellationToken);

    public override string ToString() => "replaying mirror";
}
