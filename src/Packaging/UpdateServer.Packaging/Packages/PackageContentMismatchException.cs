namespace UpdateServer.Packaging.Packages;

/// <summary>
/// The archive's content disagrees with its manifest: a listed entry is missing
/// (<see cref="PackageProblem.MissingEntry"/>), has the wrong type or link target
/// (<see cref="PackageProblem.TypeMismatch"/>, <see cref="PackageProblem.LinkTargetMismatch"/>), is shorter than
/// declared (<see cref="PackageProblem.SizeMismatch"/>) or hashes differently (<see cref="PackageProblem.HashMismatch"/>).
/// </summary>
public sealed class PackageContentMismatchException : PackageException
{
    public PackageContentMismatchException(PackageProblem problem, string message, string? entryPath)
        : base(problem, message, entryPath)
    {
    }
}
