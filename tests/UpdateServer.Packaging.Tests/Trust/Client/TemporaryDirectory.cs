namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tuf-client-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Names of the files and folders directly inside <paramref name="relative"/> (or the root), sorted.</summary>
    public IReadOnlyList<string> Entries(string relative = "") =>
        [.. Directory.EnumerateFileSystemEntries(System.IO.Path.Combine(Path, relative))
            .Select(e => System.IO.Path.GetFileName(e))
            .Order(StringComparer.Ordinal)];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
