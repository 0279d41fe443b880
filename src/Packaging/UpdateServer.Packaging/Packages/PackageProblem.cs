namespace UpdateServer.Packaging.Packages;

/// <summary>
/// Machine-readable reason a package was refused, carried by every <see cref="PackageException"/>. The names and
/// numbers are stable: the server maps each to a problem type and clients may persist them.
/// </summary>
public enum PackageProblem
{
    /// <summary>The bytes are not a gzip-compressed tar archive, or the archive is corrupt or truncated.</summary>
    NotAnArchive = 1,

    /// <summary>The archive is empty or its first entry is not <c>manifest.json</c>.</summary>
    MissingManifest = 2,

    /// <summary><c>manifest.json</c> is larger than <see cref="PackageManifest.MaxManifestBytes"/>.</summary>
    ManifestTooLarge = 3,

    /// <summary><c>manifest.json</c> (or a <c>upkg.json</c> template) is not valid JSON or breaks the schema.</summary>
    MalformedManifest = 4,

    /// <summary>The archive holds more than <see cref="PackageManifest.MaxEntries"/> entries.</summary>
    TooManyEntries = 5,

    /// <summary>An entry path is absolute, has a <c>.</c>, <c>..</c> or empty segment, a backslash, a control character, or lies outside <c>payload/</c> and <c>hooks/</c>.</summary>
    UnsafePath = 6,

    /// <summary>A symbolic link is absolute or resolves outside the package's <c>payload/</c> tree.</summary>
    UnsafeLink = 7,

    /// <summary>An entry is a hard link, device, fifo, socket, directory or any other type than a regular file or symlink.</summary>
    UnsupportedEntryType = 8,

    /// <summary>An archive entry is not listed in the manifest.</summary>
    UnlistedEntry = 9,

    /// <summary>The same path appears twice in the archive, or collides with something already extracted.</summary>
    DuplicateEntry = 10,

    /// <summary>An entry carries more data than the manifest declares.</summary>
    EntryTooLarge = 11,

    /// <summary>A file listed in the manifest is absent from the archive.</summary>
    MissingEntry = 12,

    /// <summary>An entry is a file where the manifest lists a symlink, or the other way round.</summary>
    TypeMismatch = 13,

    /// <summary>A symlink points somewhere other than the target the manifest lists.</summary>
    LinkTargetMismatch = 14,

    /// <summary>An entry carries less data than the manifest declares (or a source file changed size while packaging).</summary>
    SizeMismatch = 15,

    /// <summary>An entry's SHA-256 differs from the manifest's.</summary>
    HashMismatch = 16,
}
