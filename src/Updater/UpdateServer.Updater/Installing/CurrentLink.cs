using UpdateServer.Packaging;

namespace UpdateServer.Updater.Installing;

/// <summary>
/// The <c>current</c> symbolic link of a product folder, pointing at <c>versions/&lt;version&gt;</c>. Switching
/// creates a new link beside it and renames it over the old one: rename is atomic, so at every instant
/// <c>current</c> names either the old version or the new one.
/// </summary>
public static class CurrentLink
{
    public const string Name = "current";

    /// <summary>Points <c>current</c> at <paramref name="version"/>'s folder, atomically.</summary>
    public static void Switch(string productDirectory, string version)
    {
        var temp = Path.Combine(productDirectory, $".{Name}-{Guid.NewGuid():N}");
        File.CreateSymbolicLink(temp, Path.Combine(InstallLayout.VersionsFolder, version));
        try
        {
            DurableFile.RenameEntry(temp, Path.Combine(productDirectory, Name));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Removes <c>current</c>: the product has no active version (a first install was undone).</summary>
    public static void Remove(string productDirectory)
    {
        File.Delete(Path.Combine(productDirectory, Name));
        DurableFile.FlushDirectory(productDirectory);
    }

    /// <summary>The version <c>current</c> points at, or null when there is no link.</summary>
    public static string? Read(string productDirectory)
    {
        var link = new FileInfo(Path.Combine(productDirectory, Name));
        return link.LinkTarget is { } target ? Path.GetFileName(target) : null;
    }
}
