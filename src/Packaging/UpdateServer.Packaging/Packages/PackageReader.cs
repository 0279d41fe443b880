namespace UpdateServer.Packaging.Packages;

/// <summary>
/// Reads and verifies <c>.upkg</c> packages from a stream, without writing anything. The stream is read forward
/// only (it may be a network stream) and left open.
/// </summary>
public static class PackageReader
{
    /// <summary>Reads only the first entry, which must be <c>manifest.json</c> of at most 4 MiB, and parses it.</summary>
    /// <exception cref="PackageFormatException">Not a gzip tar (<see cref="PackageProblem.NotAnArchive"/>), manifest not first, too large or malformed.</exception>
    /// <exception cref="UnsafePackageEntryException">The manifest lists an unsafe path or link.</exception>
    public static async Task<PackageManifest> ReadManifestAsync(Stream package, CancellationToken cancellationToken = default)
    {
        var archive = await PackageArchive.OpenAsync(package, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            return archive.Manifest;
        }
    }

    /// <summary>
    /// Reads the whole package and checks that its entries are exactly the manifest's: none missing, extra or
    /// repeated; types, link targets, sizes and SHA-256 equal; no unsafe path or link; only regular files and
    /// symlinks (no directories, hard links, devices or fifos); at most 100,000 entries.
    /// </summary>
    /// <returns>The verified manifest.</returns>
    /// <exception cref="PackageFormatException">The archive or manifest is malformed, corrupt or truncated.</exception>
    /// <exception cref="UnsafePackageEntryException">An entry is unsafe, unsupported, unlisted, repeated or larger than declared.</exception>
    /// <exception cref="PackageContentMismatchException">An entry is missing or differs from the manifest.</exception>
    public static async Task<PackageManifest> VerifyAsync(Stream package, CancellationToken cancellationToken = default)
    {
        var archive = await PackageArchive.OpenAsync(package, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            while (await archive.NextAsync(cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.Listed.Type == PackageEntryType.File)
                {
                    await entry.CopyDataAsync(destination: null, cancellationToken).ConfigureAwait(false);
                }
            }

            archive.EnsureComplete();
            return archive.Manifest;
        }
    }
}
