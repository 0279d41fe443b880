namespace UpdateServer.Upkg.Publish;

/// <summary>One package of a publish run: where it went and whether it was new.</summary>
/// <param name="File">The package file.</param>
/// <param name="Target">Its target path in the repository.</param>
/// <param name="Product">The product id.</param>
/// <param name="Version">The full SemVer version.</param>
/// <param name="Kind">The product kind.</param>
/// <param name="Channel">The release channel.</param>
/// <param name="Size">The file's length in bytes.</param>
/// <param name="Sha256">The file's SHA-256, lowercase hex.</param>
/// <param name="Status"><c>added</c>, or <c>already-published</c> when the same file was listed before.</param>
public sealed record PublishedPackage(string File, string Target, string Product, string Version, string Kind, string Channel, long Size,
    string Sha256, string Status);
