using System.Text;

namespace UpdateServer.Packaging.Tests.Packages;

/// <summary>A unique folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Join(System.IO.Path.GetTempPath(), "upkg-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Join(string relative) => System.IO.Path.Join(Path, relative);

    public string WriteFile(string relative, string text, UnixFileMode? mode = null) =>
        WriteFile(relative, Encoding.UTF8.GetBytes(text), mode);

    public string WriteFile(string relative, byte[] content, UnixFileMode? mode = null)
    {
        var full = Join(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        if (mode is { } unixMode && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(full, unixMode);
        }

        return full;
    }

    public string Symlink(string relative, string target)
    {
        var full = Join(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
        return full;
    }

    /// <summary>Every file, folder and link below the folder, as sorted relative paths with '/'; links are not followed.</summary>
    public IReadOnlyList<string> List() => ListTree(Path, includeFolders: true);

    /// <summary>The files and links below <paramref name="root"/> (folders only when asked), sorted, without following links.</summary>
    public static IReadOnlyList<string> ListTree(string root, bool includeFolders)
    {
        var found = new List<string>();
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.TryPop(out var folder))
        {
            foreach (var info in folder.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
            {
                var isRealFolder = info is DirectoryInfo && info.LinkTarget is null;
                if (isRealFolder)
                {
                    pending.Push((DirectoryInfo)info);
                }

                if (!isRealFolder || includeFolders)
                {
                    found.Add(System.IO.Path.GetRelativePath(root, info.FullName).Replace('\\', '/'));
                }
            }
        }

        return found.Order(StringComparer.Ordinal).ToList();
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
