using System.Collections.Concurrent;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Upkg.Bundle;

/// <summary>
/// A transport that keeps every metadata file it hands to the TUF client, under the name the client asked for, so a
/// bundle holds exactly what a client needs to repeat the same refresh offline.
/// </summary>
public sealed class MetadataRecorder(IRepositoryTransport inner) : IRepositoryTransport
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>Every metadata file fetched so far, by file name.</summary>
    public IReadOnlyDictionary<string, byte[]> Files => _files;

    public async Task<byte[]> FetchMetadataAsync(string fileName, long maxLength, CancellationToken cancellationToken)
    {
        var data = await inner.FetchMetadataAsync(fileName, maxLength, cancellationToken).ConfigureAwait(false);
        _files[fileName] = data;
        return data;
    }

    public Task<Stream> OpenTargetAsync(string relativeUrl, long offset, CancellationToken cancellationToken) =>
        inner.OpenTargetAsync(relativeUrl, offset, cancellationToken);
}
