namespace UpdateServer.Packaging.Packages;

/// <summary>
/// Base of every refusal of a <c>.upkg</c> package. Subtypes group the refusals by nature
/// (<see cref="PackageFormatException"/>, <see cref="UnsafePackageEntryException"/>,
/// <see cref="PackageContentMismatchException"/>); <see cref="Problem"/> is the stable, machine-readable reason.
/// </summary>
public abstract class PackageException : Exception
{
    protected PackageException(PackageProblem problem, string message, string? entryPath)
        : base(message)
    {
        Problem = problem;
        EntryPath = entryPath;
    }

    protected PackageException(PackageProblem problem, string message, string? entryPath, Exception inner)
        : base(message, inner)
    {
        Problem = problem;
        EntryPath = entryPath;
    }

    /// <summary>Why the package was refused.</summary>
    public PackageProblem Problem { get; }

    /// <summary>The archive path (or source path, when building) the refusal is about; null when it concerns the whole package.</summary>
    public string? EntryPath { get; }
}
