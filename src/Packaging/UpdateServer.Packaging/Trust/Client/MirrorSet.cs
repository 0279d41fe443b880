using System.Runtime.ExceptionServices;

namespace UpdateServer.Packaging.Trust.Client;

/// <summary>
/// The repository's mirrors in priority order (spec 2.1.5, mirrors). Each file is tried from one mirror after
/// another until a copy passes verification, so a mirror that serves bad, stale or endless data cannot prevent
/// an update that a good mirror can deliver.
/// </summary>
internal sealed class MirrorSet(IReadOnlyList<IRepositoryTransport> mirrors)
{
    /// <summary>
    /// Fetches <paramref name="fileName"/> and hands each copy to <paramref name="admit"/> until one is admitted.
    /// </summary>
    /// <param name="fileName">The metadata file name relative to the metadata base.</param>
    /// <param name="maxLength">The cap for every copy.</param>
    /// <param name="admit">Verifies a copy and records it as trusted; throws <see cref="TufException"/> and records nothing when it refuses.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The admitted bytes.</returns>
    /// <exception cref="EqualVersionException">
    /// No mirror had a newer copy, and at least one offered the version already trusted: nothing changed.
    /// </exception>
    /// <exception cref="RepositoryFileNotFoundException">No copy was admitted, none was the trusted version, and at least one mirror said it has none.</exception>
    /// <exception cref="TufException">With one mirror, its refusal; with several, a <see cref="MirrorsFailedException"/>.</exception>
    public async Task<byte[]> FetchMetadataAsync(string fileName, long maxLength, Action<byte[]> admit, CancellationToken cancellationToken)
    {
        var failures = new List<(string, TufException)>();
        var notFound = false;
        EqualVersionException? equal = null;
        foreach (var mirror in mirrors)
        {
            try
            {
                var data = await mirror.FetchMetadataAsync(fileName, maxLength, cancellationToken).ConfigureAwait(false);
                admit(data);
                return data;
            }
            catch (EqualVersionException e)
            {
                // The trusted version again (root 5.3.5, timestamp 5.4.3.1) is a soft result, not an answer: a mirror
                // replaying genuine old files would otherwise hide a newer copy on the next mirror and freeze clients.
                equal ??= e;
            }
            catch (RepositoryFileNotFoundException e)
            {
                notFound = true;
                failures.Add((mirror.ToString()!, e));
            }
            catch (TufException e)
            {
                failures.Add((mirror.ToString()!, e));
            }
        }

        if (equal is not null)
        {
            // No mirror supplied a newer valid copy: carry on with what is trusted (5.3.5, 5.4.3.1).
            ExceptionDispatchInfo.Throw(equal);
        }

        // A file some mirror says does not exist is treated as absent (for root: no newer version), even when another
        // mirror offered a copy that failed verification.
        throw notFound ? new RepositoryFileNotFoundException(fileName) : Combine(fileName, failures);
    }

    /// <summary>Runs <paramref name="download"/> against one mirror after another until one succeeds.</summary>
    public async Task DownloadAsync(string what, Func<IRepositoryTransport, Task> download)
    {
        var failures = new List<(string, TufException)>();
        foreach (var mirror in mirrors)
        {
            try
            {
                await download(mirror).ConfigureAwait(false);
                return;
            }
            catch (TufException e)
            {
                failures.Add((mirror.ToString()!, e));
            }
        }

        throw Combine(what, failures);
    }

    private MirrorsFailedException Combine(string what, List<(string Mirror, TufException Error)> failures)
    {
        if (mirrors.Count == 1)
        {
            // One mirror: its own refusal says best what went wrong.
            ExceptionDispatchInfo.Capture(failures[0].Error).Throw();
        }

        return new MirrorsFailedException(what, failures);
    }
}
