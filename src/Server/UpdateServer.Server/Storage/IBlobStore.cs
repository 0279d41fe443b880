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
    /// Stores <paramref name="content"/> under <paramref name="key"/>; readers see either nothing or the whole blob.
    /// Storing a key that exists already does nothing (content addresses make it the same bytes).
    /// </summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the blob if present.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
