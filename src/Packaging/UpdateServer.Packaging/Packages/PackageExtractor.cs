namespace UpdateServer.Packaging.Packages;

/// <summary>
/// Extracts a <c>.upkg</c> package safely. Every check of <see cref="PackageReader.VerifyAsync"/> applies, and:
/// every write lands inside the destination (checked on the full resolved path); files are created new, never
/// opened or followed if something exists; no file receives more than its declared size; files get mode 0755 when
/// the manifest marks them executable, else 0644 (on Unix, regardless of umask); symlinks are created last, after
/// every file was written and verified and the archive proved complete, and only when their target stays inside
/// <c>payload/</c>.
/// </summary>
public static class PackageExtractor
{
    private const UnixFileMode FileMode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode FileMode755 = FileMode644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Extracts <paramref name="package"/> into <paramref name="destinationFolder"/> and returns its verified manifest.</summary>
    /// <param name="package">Read forward only and left open.</param>
    /// <param name="destinationFolder">Must not exist (it is created) or be an empty folder.</param>
    /// <param name="cancellationToken">Cancelling undoes the extraction like any other failure.</param>
    /// <remarks>
    /// On any failure, cancellation included, everything the extraction created under the destination is deleted
    /// (the destination too when this call created it) before the exception propagates. The package's
    /// <c>manifest.json</c> is not written to the destination; the returned manifest carries it.
    /// </remarks>
    /// <exception cref="ExtractionDestinationNotEmptyException">The destination holds something; nothing was read or written.</exception>
    /// <exception cref="PackageFormatException">The archive or manifest is malformed, corrupt or truncated.</exception>
    /// <exception cref="UnsafePackageEntryException">An entry is unsafe, unsupported, unlisted, repeated or larger than declared.</exception>
    /// <exception cref="PackageContentMismatchException">An entry is missing or differs from the manifest.</exception>
    public static async Task<PackageManifest> ExtractAsync(Stream package, string destinationFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentException.ThrowIfNullOrEmpty(destinationFolder);

        var journal = ExtractionJournal.Begin(destinationFolder);
        var completed = false;
        try
        {
            var archive = await PackageArchive.OpenAsync(package, cancellationToken).ConfigureAwait(false);
            await using (archive.ConfigureAwait(false))
            {
                var links = new List<PackageFileEntry>();
                while (await archive.NextAsync(cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    var listed = entry.Listed;
                    var fullPath = journal.Resolve(listed.Path);
                    if (listed.Type == PackageEntryType.Symlink)
                    {
                        links.Add(listed);
                        continue;
                    }

                    var file = journal.CreateFile(fullPath, listed.Path);
                    await using (file.ConfigureAwait(false))
                    {
                        await entry.CopyDataAsync(file, cancellationToken).ConfigureAwait(false);
                    }

                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(fullPath, listed.IsExecutable ? FileMode755 : FileMode644);
                    }
                }

                archive.EnsureComplete();
                foreach (var link in links)
                {
                    CreateLink(journal, link);
                }

                completed = true;
                return archive.Manifest;
            }
        }
        finally
        {
            if (!completed)
            {
                journal.Rollback();
            }
        }
    }

    private static void CreateLink(ExtractionJournal journal, PackageFileEntry link)
    {
        var fullPath = journal.Resolve(link.Path);

        // The manifest already resolved the target through the package's other links; this repeats the lexical
        // part on real paths so no bug upstream can plant a link pointing out of payload/.
        var resolvedTarget = Path.GetFullPath(Path.Join(Path.GetDirectoryName(fullPath), link.LinkTarget));
        if (!journal.IsWithin(resolvedTarget, PackagePath.PayloadRoot))
        {
            throw new UnsafePackageEntryException(
                PackageProblem.UnsafeLink, $"{PackagePath.Quote(link.Path)}: the symlink target {PackagePath.Quote(link.LinkTarget)} resolves outside payload/", link.Path);
        }

        journal.CreateSymlink(fullPath, link.Path, link.LinkTarget!);
    }
}
