namespace UpdateServer.Packaging.Packages;

/// <summary>
/// One entry of a manifest's <c>"files"</c> list: a regular file with its size, lowercase hex SHA-256 and
/// executable flag, or a symlink with its target. Create with <see cref="ForFile"/> or <see cref="ForSymlink"/>;
/// they check the shape of each value (size ≥ 0, 64 lowercase hex digits). Path and link safety are checked by
/// <see cref="PackageManifest"/>, which sees all entries together.
/// </summary>
public sealed record PackageFileEntry
{
    private PackageFileEntry(string path, PackageEntryType type, long size, string? sha256, bool isExecutable, string? linkTarget)
    {
        Path = path;
        Type = type;
        Size = size;
        Sha256 = sha256;
        IsExecutable = isExecutable;
        LinkTarget = linkTarget;
    }

    /// <summary>The entry's path in the archive, e.g. <c>payload/bin/app</c>.</summary>
    public string Path { get; }

    public PackageEntryType Type { get; }

    /// <summary>The file's length in bytes; 0 for a symlink.</summary>
    public long Size { get; }

    /// <summary>The file's SHA-256 as 64 lowercase hex digits; null for a symlink.</summary>
    public string? Sha256 { get; }

    /// <summary>True when the file is extracted with mode 0755 rather than 0644; false for a symlink.</summary>
    public bool IsExecutable { get; }

    /// <summary>The symlink's relative target as stored; null for a file.</summary>
    public string? LinkTarget { get; }

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="sha256"/> is not 64 lowercase hex digits.</exception>
    public static PackageFileEntry ForFile(string path, long size, string sha256, bool isExecutable)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (!IsSha256Hex(sha256))
        {
            throw new ArgumentException("A SHA-256 must be 64 lowercase hex digits.", nameof(sha256));
        }

        return new PackageFileEntry(path, PackageEntryType.File, size, sha256, isExecutable, null);
    }

    public static PackageFileEntry ForSymlink(string path, string target)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(target);
        return new PackageFileEntry(path, PackageEntryType.Symlink, 0, null, false, target);
    }

    /// <summary>True when <paramref name="text"/> is exactly 64 lowercase hex digits.</summary>
    public static bool IsSha256Hex(string? text) =>
        text is { Length: 64 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
