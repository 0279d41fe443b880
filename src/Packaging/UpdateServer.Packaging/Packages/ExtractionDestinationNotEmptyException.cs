namespace UpdateServer.Packaging.Packages;

/// <summary>
/// <see cref="PackageExtractor.ExtractAsync"/> was given a destination that already holds something (or is a
/// file). Nothing was read from the package and nothing was written.
/// </summary>
public sealed class ExtractionDestinationNotEmptyException : IOException
{
    public ExtractionDestinationNotEmptyException(string destination)
        : base($"The extraction destination {PackagePath.Quote(destination)} exists and is not an empty folder.")
    {
        Destination = destination;
    }

    /// <summary>The full path of the refused destination.</summary>
    public string Destination { get; }
}
