namespace UpdateServer.Packaging.Packages;

/// <summary>
/// An entry would be unsafe to extract or install: a path that escapes (<see cref="PackageProblem.UnsafePath"/>),
/// a link that escapes <c>payload/</c> (<see cref="PackageProblem.UnsafeLink"/>), a hard link, device or fifo
/// (<see cref="PackageProblem.UnsupportedEntryType"/>), an entry the manifest does not list
/// (<see cref="PackageProblem.UnlistedEntry"/>), a repeated entry (<see cref="PackageProblem.DuplicateEntry"/>) or
/// one larger than declared (<see cref="PackageProblem.EntryTooLarge"/>). Raised before anything unsafe is written.
/// </summary>
public sealed class UnsafePackageEntryException : PackageException
{
    public UnsafePackageEntryException(PackageProblem problem, string message, string? entryPath)
        : base(problem, message, entryPath)
    {
    }

    public UnsafePackageEntryException(PackageProblem problem, string message, string? entryPath, Exception inner)
        : base(problem, message, entryPath, inner)
    {
    }
}
