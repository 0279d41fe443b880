using System.Formats.Tar;
using System.IO.Compression;

namespace UpdateServer.Packaging.Packages;

/// <summary>
/// Reads a <c>.upkg</c> stream entry by entry and applies every check that does not depend on where the data
/// goes; <see cref="PackageReader"/> and <see cref="PackageExtractor"/> share it. Corrupt gzip or tar data becomes
/// <see cref="PackageProblem.NotAnArchive"/>; I/O errors of the underlying stream pass through unchanged.
/// </summary>
internal sealed class PackageArchive : IAsyncDisposable
{
    private readonly GZipStream _gzip;
    private readonly TarReader _tar;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal) { PackageManifest.FileName };
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);
    private int _entryCount;
    private PackageManifest? _manifest;

    private PackageArchive(Stream package)
    {
        _gzip = new GZipStream(package, CompressionMode.Decompress, leaveOpen: true);
        _tar = new TarReader(_gzip, leaveOpen: true);
    }

    /// <summary>The parsed <c>manifest.json</c>; available once <see cref="OpenAsync"/> returned.</summary>
    public PackageManifest Manifest => _manifest ?? throw new InvalidOperationException("The manifest has not been read yet.");

    /// <summary>Opens <paramref name="package"/> and reads its first entry, which must be <c>manifest.json</c> of at most 4 MiB.</summary>
    public static async Task<PackageArchive> OpenAsync(Stream package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var archive = new PackageArchive(package);
        var opened = false;
        try
        {
            archive._manifest = await archive.ReadManifestAsync(cancellationToken).ConfigureAwait(false);
            foreach (var entry in archive.Manifest.Files.Where(entry => entry.Type == PackageEntryType.Symlink))
            {
                archive._links.Add(entry.Path, entry.LinkTarget!);
            }

            opened = true;
            return archive;
        }
        finally
        {
            if (!opened)
            {
                await archive.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The next entry, checked against the manifest; null after the last one.</summary>
    /// <exception cref="UnsafePackageEntryException">Unsafe path or link, unsupported type, duplicate, unlisted, or larger than declared.</exception>
    /// <exception cref="PackageContentMismatchException">Type, link target or size differs from the manifest.</exception>
    public async Task<PackageArchiveEntry?> NextAsync(CancellationToken cancellationToken)
    {
        var tar = await NextTarEntryAsync(cancellationToken).ConfigureAwait(false);
        if (tar is null)
        {
            return null;
        }

        var path = tar.Name;
        if (path == PackageManifest.FileName)
        {
            throw new UnsafePackageEntryException(PackageProblem.DuplicateEntry, $"{PackagePath.Quote(path)}: a second {PackageManifest.FileName} entry", path);
        }

        var type = tar.EntryType switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile => PackageEntryType.File,
            TarEntryType.SymbolicLink => PackageEntryType.Symlink,
            _ => throw new UnsafePackageEntryException(
                PackageProblem.UnsupportedEntryType, $"{PackagePath.Quote(path)}: a {tar.EntryType} entry; only regular files and symlinks are allowed", path),
        };

        var pathProblem = PackagePath.FindProblem(path);
        if (pathProblem is not null)
        {
            throw new UnsafePackageEntryException(PackageProblem.UnsafePath, $"{PackagePath.Quote(path)}: the entry path {pathProblem}", path);
        }

        if (type == PackageEntryType.Symlink)
        {
            var linkProblem = PackageLink.FindProblem(path, tar.LinkName, _links);
            if (linkProblem is not null || tar.Length != 0)
            {
                throw new UnsafePackageEntryException(
                    PackageProblem.UnsafeLink, $"{PackagePath.Quote(path)}: the symlink target {PackagePath.Quote(tar.LinkName)} {linkProblem ?? "comes with data"}", path);
            }
        }

        if (!_seen.Add(path))
        {
            throw new UnsafePackageEntryException(PackageProblem.DuplicateEntry, $"{PackagePath.Quote(path)}: the entry appears twice", path);
        }

        if (!Manifest.TryGetEntry(path, out var listed))
        {
            throw new UnsafePackageEntryException(PackageProblem.UnlistedEntry, $"{PackagePath.Quote(path)}: the entry is not listed in {PackageManifest.FileName}", path);
        }

        CheckAgainstManifest(tar, type, listed);
        return new PackageArchiveEntry(listed, tar);
    }

    /// <summary>Call after the last entry: every listed entry must have been seen.</summary>
    /// <exception cref="PackageContentMismatchException">A listed entry is missing (<see cref="PackageProblem.MissingEntry"/>).</exception>
    public void EnsureComplete()
    {
        var missing = Manifest.Files.Where(entry => !_seen.Contains(entry.Path)).ToList();
        if (missing.Count > 0)
        {
            throw new PackageContentMismatchException(
                PackageProblem.MissingEntry,
                $"{PackagePath.Quote(missing[0].Path)}: listed in {PackageManifest.FileName} but not in the archive ({missing.Count} missing in all)",
                missing[0].Path);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _tar.DisposeAsync().ConfigureAwait(false);
        await _gzip.DisposeAsync().ConfigureAwait(false);
    }

    private static void CheckAgainstManifest(TarEntry tar, PackageEntryType type, PackageFileEntry listed)
    {
        var path = listed.Path;
        if (type != listed.Type)
        {
            throw new PackageContentMismatchException(
                PackageProblem.TypeMismatch, $"{PackagePath.Quote(path)}: the archive holds a {type} where {PackageManifest.FileName} lists a {listed.Type}", path);
        }

        if (type == PackageEntryType.Symlink && !string.Equals(tar.LinkName, listed.LinkTarget, StringComparison.Ordinal))
        {
            throw new PackageContentMismatchException(
                PackageProblem.LinkTargetMismatch, $"{PackagePath.Quote(path)}: the symlink points to {PackagePath.Quote(tar.LinkName)}, not the declared {PackagePath.Quote(listed.LinkTarget)}", path);
        }

        if (type == PackageEntryType.File && tar.Length > listed.Size)
        {
            throw new UnsafePackageEntryException(
                PackageProblem.EntryTooLarge, $"{PackagePath.Quote(path)}: {tar.Length} bytes of data where {listed.Size} are declared", path);
        }

        if (type == PackageEntryType.File && tar.Length < listed.Size)
        {
            throw new PackageContentMismatchException(
                PackageProblem.SizeMismatch, $"{PackagePath.Quote(path)}: {tar.Length} bytes of data where {listed.Size} are declared", path);
        }
    }

    private async Task<PackageManifest> ReadManifestAsync(CancellationToken cancellationToken)
    {
        var first = await NextTarEntryAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new PackageFormatException(PackageProblem.MissingManifest, $"the archive is empty; {PackageManifest.FileName} must be its first entry");

        if (first.Name != PackageManifest.FileName)
        {
            throw new PackageFormatException(
                PackageProblem.MissingManifest, $"the first entry is {PackagePath.Quote(first.Name)}; {PackageManifest.FileName} must come first", first.Name);
        }

        if (first.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
        {
            throw new PackageFormatException(
                PackageProblem.MissingManifest, $"{PackageManifest.FileName} is a {first.EntryType} entry, not a regular file", first.Name);
        }

        if (first.Length > PackageManifest.MaxManifestBytes)
        {
            throw new PackageFormatException(
                PackageProblem.ManifestTooLarge, $"{PackageManifest.FileName} is {first.Length} bytes; at most {PackageManifest.MaxManifestBytes} are allowed", first.Name);
        }

        var bytes = new byte[first.Length];
        var filled = 0;
        while (filled < bytes.Length && first.DataStream is { } data)
        {
            var read = await ReadArchiveAsync(data, bytes.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new PackageFormatException(PackageProblem.NotAnArchive, $"{PackageManifest.FileName} is cut short", first.Name);
            }

            filled += read;
        }

        return PackageManifest.Parse(bytes);
    }

    private async Task<TarEntry?> NextTarEntryAsync(CancellationToken cancellationToken)
    {
        TarEntry? entry;
        try
        {
            entry = await _tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsCorruption(e))
        {
            throw NotAnArchive(e);
        }

        if (entry is not null && ++_entryCount > PackageManifest.MaxEntries)
        {
            throw new PackageFormatException(PackageProblem.TooManyEntries, $"the archive holds more than {PackageManifest.MaxEntries} entries");
        }

        return entry;
    }

    /// <summary>Reads entry data, turning corruption into <see cref="PackageProblem.NotAnArchive"/>.</summary>
    internal static async Task<int> ReadArchiveAsync(Stream data, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await data.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsCorruption(e))
        {
            throw NotAnArchive(e);
        }
    }

    /// <summary>What GZipStream and TarReader throw for bad data: invalid deflate or tar headers, and data that stops mid-entry.</summary>
    private static bool IsCorruption(Exception e) => e is InvalidDataException or EndOfStreamException or FormatException;

    private static PackageFormatException NotAnArchive(Exception e) =>
        new(PackageProblem.NotAnArchive, $"not a gzip-compressed tar archive, or a corrupt or truncated one: {e.Message}", null, e);
}
