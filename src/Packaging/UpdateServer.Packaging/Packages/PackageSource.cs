using System.Formats.Tar;
using System.Security.Cryptography;

namespace UpdateServer.Packaging.Packages;

/// <summary>
/// A package source folder as <see cref="PackageBuilder"/> sees it: the template <c>upkg.json</c>, the required
/// <c>payload/</c> tree and the optional <c>hooks/</c> tree, walked without following symlinks. Anything else in
/// the folder is ignored; empty folders vanish (a package has no directory entries).
/// </summary>
internal sealed class PackageSource
{
    private const UnixFileMode ExecuteBits = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static readonly EnumerationOptions ListEverything = new()
    {
        AttributesToSkip = FileAttributes.None, // dotfiles are "hidden" on Unix; they belong in the package too
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    private readonly List<Item> _items = [];
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);

    private PackageSource(ManifestTemplate template) => Template = template;

    public ManifestTemplate Template { get; }

    /// <summary>Every file and symlink found, sorted by archive path in UTF-8 byte order.</summary>
    public IReadOnlyList<Item> Items => _items;

    /// <summary>Reads the template, walks the trees, hashes every file and checks every name and link.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder or its <c>payload/</c> does not exist.</exception>
    /// <exception cref="FileNotFoundException"><c>upkg.json</c> does not exist.</exception>
    /// <exception cref="PackageFormatException"><c>upkg.json</c> is malformed or too large, or there are too many entries.</exception>
    /// <exception cref="UnsafePackageEntryException">A name is not a valid package path, a link escapes, or an entry is a device, fifo or socket.</exception>
    public static async Task<PackageSource> ScanAsync(string folder, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The package source folder {PackagePath.Quote(root)} does not exist.");
        }

        var templatePath = Path.Join(root, ManifestTemplate.FileName);
        var templateFile = new FileInfo(templatePath);
        if (!templateFile.Exists)
        {
            throw new FileNotFoundException($"The package source folder has no {ManifestTemplate.FileName}.", templatePath);
        }

        if (templateFile.Length > PackageManifest.MaxManifestBytes)
        {
            throw new PackageFormatException(
                PackageProblem.ManifestTooLarge, $"{ManifestTemplate.FileName}: larger than {PackageManifest.MaxManifestBytes} bytes");
        }

        var templateBytes = await File.ReadAllBytesAsync(templatePath, cancellationToken).ConfigureAwait(false);
        var source = new PackageSource(ManifestJsonReader.ParseTemplate(templateBytes));
        await source.AddTreeAsync(root, PackagePath.PayloadRoot, required: true, cancellationToken).ConfigureAwait(false);
        await source.AddTreeAsync(root, PackagePath.HooksRoot, required: false, cancellationToken).ConfigureAwait(false);
        source.CheckLinks();
        source._items.Sort((left, right) => PackagePath.CompareUtf8(left.Entry.Path, right.Entry.Path));
        return source;
    }

    private async Task AddTreeAsync(string root, string name, bool required, CancellationToken cancellationToken)
    {
        var top = new DirectoryInfo(Path.Join(root, name));
        if (!top.Exists)
        {
            if (required)
            {
                throw new DirectoryNotFoundException($"The package source folder {PackagePath.Quote(root)} has no {name}/ folder.");
            }

            return;
        }

        if (top.LinkTarget is not null)
        {
            throw new UnsafePackageEntryException(
                PackageProblem.UnsupportedEntryType, $"{top.FullName}: {name}/ is a symlink; it must be a real folder", name);
        }

        var pending = new Stack<(DirectoryInfo Folder, string ArchivePath)>();
        pending.Push((top, name));
        while (pending.TryPop(out var current))
        {
            foreach (var info in current.Folder.EnumerateFileSystemInfos("*", ListEverything))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var archivePath = current.ArchivePath + "/" + info.Name;
                var problem = PackagePath.FindProblem(archivePath);
                if (problem is not null)
                {
                    throw new UnsafePackageEntryException(PackageProblem.UnsafePath, $"{info.FullName}: the package path {PackagePath.Quote(archivePath)} {problem}", archivePath);
                }

                if (info.LinkTarget is { } target)
                {
                    _links.Add(archivePath, target);
                    _items.Add(new Item(PackageFileEntry.ForSymlink(archivePath, target), info.FullName));
                }
                else if (info is DirectoryInfo folder)
                {
                    pending.Push((folder, archivePath));
                }
                else
                {
                    var entry = await DescribeFileAsync((FileInfo)info, archivePath, cancellationToken).ConfigureAwait(false);
                    _items.Add(new Item(entry, info.FullName));
                }

                if (_items.Count > PackageManifest.MaxEntries - 1)
                {
                    throw new PackageFormatException(
                        PackageProblem.TooManyEntries, $"{root}: more than {PackageManifest.MaxEntries - 1} files and symlinks under payload/ and hooks/");
                }
            }
        }
    }

    private void CheckLinks()
    {
        foreach (var item in _items)
        {
            if (item.Entry.Type != PackageEntryType.Symlink)
            {
                continue;
            }

            var problem = PackageLink.FindProblem(item.Entry.Path, item.Entry.LinkTarget!, _links);
            if (problem is not null)
            {
                throw new UnsafePackageEntryException(
                    PackageProblem.UnsafeLink, $"{item.FullPath}: the symlink target {PackagePath.Quote(item.Entry.LinkTarget)} {problem}", item.Entry.Path);
            }
        }
    }

    private static async Task<PackageFileEntry> DescribeFileAsync(FileInfo info, string archivePath, CancellationToken cancellationToken)
    {
        // .NET exposes no file type beyond folder and symlink. Devices, fifos and sockets always report length 0
        // on Linux and macOS, so only empty entries need the lstat-based probe; opening a fifo to hash it would block.
        if (info.Length == 0)
        {
            var type = await ProbeTypeAsync(info, archivePath, cancellationToken).ConfigureAwait(false);
            if (type != TarEntryType.RegularFile)
            {
                throw Unsupported(info, archivePath, type.ToString());
            }
        }

        var stream = new FileStream(info.FullName, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        });
        await using (stream.ConfigureAwait(false))
        {
            if (!stream.CanSeek)
            {
                throw Unsupported(info, archivePath, "stream");
            }

            var sha256 = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            var executable = !OperatingSystem.IsWindows() && (info.UnixFileMode & ExecuteBits) != 0;
            return PackageFileEntry.ForFile(archivePath, stream.Position, Convert.ToHexStringLower(sha256), executable);
        }
    }

    /// <summary>Asks TarWriter, which lstat()s the path, what kind of file system entry it is; it reads no data for non-regular entries.</summary>
    private static async Task<TarEntryType> ProbeTypeAsync(FileInfo info, string archivePath, CancellationToken cancellationToken)
    {
        using var header = new MemoryStream();
        try
        {
            var writer = new TarWriter(header, TarEntryFormat.Pax, leaveOpen: true);
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteEntryAsync(info.FullName, "probe", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            // TarWriter refuses sockets (and any other type it cannot archive) with a plain IOException.
            throw new UnsafePackageEntryException(
                PackageProblem.UnsupportedEntryType, $"{info.FullName}: not a regular file, folder or symlink ({e.Message})", archivePath, e);
        }

        header.Position = 0;
        var reader = new TarReader(header);
        await using (reader.ConfigureAwait(false))
        {
            var entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
            return entry?.EntryType ?? TarEntryType.RegularFile;
        }
    }

    private static UnsafePackageEntryException Unsupported(FileInfo info, string archivePath, string type) =>
        new(PackageProblem.UnsupportedEntryType, $"{info.FullName}: a {type}, not a regular file, folder or symlink; it cannot be packaged", archivePath);

    /// <summary>One file or symlink of the source: its manifest entry and where it lives on disk.</summary>
    internal sealed record Item(PackageFileEntry Entry, string FullPath);
}
