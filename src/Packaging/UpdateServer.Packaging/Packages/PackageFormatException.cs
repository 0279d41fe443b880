namespace UpdateServer.Packaging.Packages;

/// <summary>
/// The package is malformed as a whole: not a gzip tar (<see cref="PackageProblem.NotAnArchive"/>), no
/// <c>manifest.json</c> first (<see cref="PackageProblem.MissingManifest"/>), a manifest that is too large or
/// breaks the schema (<see cref="PackageProblem.ManifestTooLarge"/>, <see cref="PackageProblem.MalformedManifest"/>),
/// or too many entries (<see cref="PackageProblem.TooManyEntries"/>). The message names the file and field.
/// </summary>
public sealed class PackageFormatException : PackageException
{
    public PackageFormatException(PackageProblem problem, string message, string? entryPath = null)
        : base(problem, message, entryPath)
    {
    }

    public PackageFormatException(PackageProblem problem, string message, string? entryPath, Exception inner)
        : base(problem, message, entryPath, inner)
    {
    }
}
