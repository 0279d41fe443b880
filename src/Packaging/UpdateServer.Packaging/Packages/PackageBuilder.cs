using System.Formats.Tar;
using System.IO.Compression;

namespace UpdateServer.Packaging.Packages;

/// <summary>
/// Builds a <c>.upkg</c> package from a source folder holding <c>upkg.json</c> (the manifest template: the
/// manifest's schema without <c>formatVersion</c> and <c>files</c>), <c>payload/</c> (required) and
/// <c>hooks/</c> (optional).
/// <para>
/// The output is a gzip-compressed (<see cref="CompressionLevel.Optimal"/>) POSIX pax tar: <c>manifest.json</c>
/// first, then every file and symlink in UTF-8 byte order of its path; no directory entries. Every header is
/// normalized — mtime 0, uid/gid 0, empty user and group names, mode 0644 (0755 when the source file has any
/// execute bit; 0777 for symlinks), PAX records limited to <c>path</c>, <c>mtime</c> and <c>linkpath</c>, and
/// extended-header names without the process id — so the same content gives the same bytes whatever the
/// timestamps, owners, umask or creation order. The bytes are identical for a given .NET runtime; another zlib
/// may compress differently, while the tar inside stays identical.
/// </para>
/// </summary>
public static class PackageBuilder
{
    /// <summary>The name of the manifest template in a source folder.</summary>
    public const string TemplateFileName = ManifestTemplate.FileName;

    private const UnixFileMode FileMode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode FileMode755 = FileMode644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode LinkMode777 = (UnixFileMode)0x1FF;

    /// <summary>Builds the package of <paramref name="sourceFolder"/> into <paramref name="output"/> and returns its manifest.</summary>
    /// <param name="sourceFolder">Holds <c>upkg.json</c>, <c>payload/</c> and optionally <c>hooks/</c>; other content is ignored. Read only.</param>
    /// <param name="output">Receives the archive; left open. On failure it holds a partial archive, so write to a
    /// temporary file and move it into place (see <see cref="DurableFile"/>).</param>
    /// <param name="cancellationToken">Stops the walk or the write; the output is then partial.</param>
    /// <exception cref="DirectoryNotFoundException">The folder or its <c>payload/</c> is missing.</exception>
    /// <exception cref="FileNotFoundException"><c>upkg.json</c> is missing.</exception>
    /// <exception cref="PackageFormatException"><c>upkg.json</c> is malformed (the message names the field) or there are too many entries.</exception>
    /// <exception cref="UnsafePackageEntryException">A name is not a valid package path, a symlink is absolute or escapes <c>payload/</c>, or an entry is a device, fifo or socket.</exception>
    /// <exception cref="PackageContentMismatchException">A source file changed while the package was being written.</exception>
    public static async Task<PackageManifest> WriteAsync(string sourceFolder, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceFolder);
        ArgumentNullException.ThrowIfNull(output);

        var source = await PackageSource.ScanAsync(sourceFolder, cancellationToken).ConfigureAwait(false);
        var template = source.Template;
        var manifest = new PackageManifest(
            template.Product,
            template.Version,
            template.Kind,
            source.Items.Select(item => item.Entry),
            template.Description,
            template.Hooks,
            template.Applicability,
            ManifestTemplate.FileName);

        var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            var normalizer = new PaxHeaderNameNormalizer(gzip);
            await using (normalizer.ConfigureAwait(false))
            {
                var tar = new TarWriter(normalizer, TarEntryFormat.Pax, leaveOpen: true);
                await using (tar.ConfigureAwait(false))
                {
                    await WriteEntriesAsync(tar, manifest, source, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return manifest;
    }

    private static async Task WriteEntriesAsync(TarWriter tar, PackageManifest manifest, PackageSource source, CancellationToken cancellationToken)
    {
        var manifestEntry = NewEntry(TarEntryType.RegularFile, PackageManifest.FileName, FileMode644);
        manifestEntry.DataStream = new MemoryStream(manifest.ToUtf8Bytes(), writable: false);
        await tar.WriteEntryAsync(manifestEntry, cancellationToken).ConfigureAwait(false);

        foreach (var item in source.Items)
        {
            var entry = item.Entry;
            if (entry.Type == PackageEntryType.Symlink)
            {
                var link = NewEntry(TarEntryType.SymbolicLink, entry.Path, LinkMode777);
                link.LinkName = entry.LinkTarget!;
                await tar.WriteEntryAsync(link, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var file = new FileStream(item.FullPath, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
            var data = new SourceFileStream(file, entry);
            await using (data.ConfigureAwait(false))
            {
                var tarEntry = NewEntry(TarEntryType.RegularFile, entry.Path, entry.IsExecutable ? FileMode755 : FileMode644);
                tarEntry.DataStream = data;
                await tar.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
                data.EnsureUnchanged();
            }
        }
    }

    /// <summary>A header with nothing taken from the machine: no extended attributes of its own (so no atime/ctime), time 0, owner 0.</summary>
    private static PaxTarEntry NewEntry(TarEntryType type, string path, UnixFileMode mode) => new(type, path)
    {
        ModificationTime = DateTimeOffset.UnixEpoch,
        Mode = mode,
        Uid = 0,
        Gid = 0,
        UserName = string.Empty,
        GroupName = string.Empty,
    };
}
