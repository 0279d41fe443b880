namespace UpdateServer.Packaging.Packages;

/// <summary>
/// The two kinds of entry a package may hold, written in <c>manifest.json</c> as <c>"file"</c> or
/// <c>"symlink"</c>. Directories are never entries (extraction creates parents); hard links, devices, fifos
/// and sockets are refused.
/// </summary>
public enum PackageEntryType
{
    /// <summary>A regular file (<c>"file"</c>): a size, a SHA-256 and an executable flag.</summary>
    File,

    /// <summary>A symbolic link (<c>"symlink"</c>) whose relative target stays inside <c>payload/</c>.</summary>
    Symlink,
}
