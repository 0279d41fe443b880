namespace UpdateServer.Server.Storage;

/// <summary>
/// Where package bytes live. Keys are content addresses (<c>targets/&lt;sha256&gt;</c>), so every operation is
/// safe to repeat and a blob never changes once written.
/// </summary>
public interface IBlobStore
{
    /// <summary>Opens a blob for reading; the stream is seekable so Range requests can be served. Null when absent.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Opens <paramref name="length"/> bytes of a blob from <paramref name="offset"/>, for a download whose length the
    /// caller knows from signed metadata: one request to a remote store instead of two. Null when the blob is absent.
    /// The stream ends early if the blob is shorter than the range; a longer blob is the caller's to cut.
    /// </summary>
    Task<Stream?> OpenRangeAsync(string key, long offset, long length, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="key"/>; readers see either nothing or the whole blob.
    /// Storing a key that exists already does nothing (content addresses make it the same bytes).
    /// </summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the blob if present.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
