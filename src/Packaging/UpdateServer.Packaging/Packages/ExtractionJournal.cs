namespace UpdateServer.Packaging.Packages;

/// <summary>
/// Everything an extraction creates, so a failed one can be undone: files, links, folders and the destination
/// itself when it did not exist. Also the one place that turns entry paths into file system paths, refusing any
/// that would land outside the destination.
/// </summary>
internal sealed class ExtractionJournal
{
    private readonly string _root;
    private readonly string _rootPrefix;
    private readonly List<string> _createdFiles = [];
    private readonly List<string> _createdFolders = [];

    private ExtractionJournal(string root)
    {
        _root = root;
        _rootPrefix = root + Path.DirectorySeparatorChar;
    }

    /// <summary>Claims <paramref name="destination"/>: creates it (and missing parents), or accepts it when it is an empty folder.</summary>
    /// <exception cref="ExtractionDestinationNotEmptyException">It exists and is a file or a non-empty folder.</exception>
    public static ExtractionJournal Begin(string destination)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination));
        if (Path.GetPathRoot(root) == root)
        {
            throw new ExtractionDestinationNotEmptyException(root);
        }

        var journal = new ExtractionJournal(root);
        if (Directory.Exists(root))
        {
            if (Directory.EnumerateFileSystemEntries(root).Any())
            {
                throw new ExtractionDestinationNotEmptyException(root);
            }
        }
        else if (File.Exists(root) || new FileInfo(root).LinkTarget is not null)
        {
            throw new ExtractionDestinationNotEmptyException(root);
        }
        else
        {
            journal.CreateFolders(root);
        }

        return journal;
    }

    /// <summary>
    /// The full path of <paramref name="entryPath"/> under the destination.
    /// Entry paths are already checked; this is the last line: the resolved path must start with the destination and a separator.
    /// </summary>
    /// <exception cref="UnsafePackageEntryException">The path would resolve outside the destination.</exception>
    public string Resolve(string entryPath)
    {
        var full = Path.GetFullPath(Path.Join(_root, entryPath));
        if (!full.StartsWith(_rootPrefix, StringComparison.Ordinal))
        {
            throw new UnsafePackageEntryException(PackageProblem.UnsafePath, $"{PackagePath.Quote(entryPath)}: resolves outside the destination", entryPath);
        }

        return full;
    }

    /// <summary>True when <paramref name="fullPath"/> is <paramref name="subfolder"/> of the destination or lies below it.</summary>
    public bool IsWithin(string fullPath, string subfolder)
    {
        var folder = Path.Join(_root, subfolder);
        return fullPath == folder || fullPath.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>Creates a new file (never opening an existing one or following a link) with its parent folders.</summary>
    /// <exception cref="UnsafePackageEntryException">Something already exists at the path (<see cref="PackageProblem.DuplicateEntry"/>, e.g. names that differ only in case on a case-insensitive disk).</exception>
    public FileStream CreateFile(string fullPath, string entryPath)
    {
        CreateFolders(Path.GetDirectoryName(fullPath)!);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(fullPath, options);
        }
        catch (IOException e) when (Path.Exists(fullPath))
        {
            throw new UnsafePackageEntryException(PackageProblem.DuplicateEntry, $"{PackagePath.Quote(entryPath)}: collides with an entry already extracted", entryPath, e);
        }

        _createdFiles.Add(fullPath);
        return stream;
    }

    /// <summary>Creates a symlink (with its parent folders) holding <paramref name="target"/> as given.</summary>
    public void CreateSymlink(string fullPath, string entryPath, string target)
    {
        CreateFolders(Path.GetDirectoryName(fullPath)!);
        try
        {
            File.CreateSymbolicLink(fullPath, target);
        }
        catch (IOException e) when (Path.Exists(fullPath))
        {
            throw new UnsafePackageEntryException(PackageProblem.DuplicateEntry, $"{PackagePath.Quote(entryPath)}: collides with an entry already extracted", entryPath, e);
        }

        _createdFiles.Add(fullPath);
    }

    /// <summary>Deletes everything this journal created, newest first. Best effort: what cannot be deleted stays.</summary>
    public void Rollback()
    {
        for (var i = _createdFiles.Count - 1; i >= 0; i--)
        {
            TryDelete(() => File.Delete(_createdFiles[i]));
        }

        for (var i = _createdFolders.Count - 1; i >= 0; i--)
        {
            TryDelete(() => Directory.Delete(_createdFolders[i], recursive: false));
        }
    }

    private void CreateFolders(string folder)
    {
        var missing = new Stack<string>();
        for (var current = folder; !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
        }

        while (missing.TryPop(out var next))
        {
            Directory.CreateDirectory(next);
            _createdFolders.Add(next);
        }
    }

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (IOException)
        {
            // Keep undoing the rest; the original failure is what the caller needs to see.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: best effort.
        }
    }
}
