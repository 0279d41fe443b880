namespace UpdateServer.Upkg.Cli;

/// <summary>
/// Creates the files <c>upkg</c> writes for keeps (keys, metadata, API keys). Never overwrites: an existing file is
/// an error, so a key or a repository is never replaced by accident.
/// </summary>
public static class OutputFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> with <paramref name="content"/>, readable by everyone the folder allows.</summary>
    /// <exception cref="UpkgException">The file exists already.</exception>
    /// <exception cref="IOException">Writing failed; no partial file is left.</exception>
    public static void Create(string path, ReadOnlySpan<byte> content) => Write(path, content, secret: false);

    /// <summary>
    /// Creates <paramref name="path"/> readable and writable by its owner only: on Unix the mode is 0600 from the
    /// moment the file exists, so the secret is never readable by others, not even briefly.
    /// </summary>
    /// <exception cref="UpkgException">The file exists already.</exception>
    /// <exception cref="IOException">Writing failed; no partial file is left.</exception>
    public static void CreateSecret(string path, ReadOnlySpan<byte> content) => Write(path, content, secret: true);

    /// <summary>Fails when any of <paramref name="paths"/> exists, before anything is written.</summary>
    /// <exception cref="UpkgException">One of them exists.</exception>
    public static void RequireAbsent(params IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw Exists(path);
            }
        }
    }

    private static void Write(string path, ReadOnlySpan<byte> content, bool secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path) || Directory.Exists(path))
        {
            throw Exists(path);
        }

        try
        {
            using (stream)
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            File.Delete(path);
            throw;
        }
    }

    private static UpkgException Exists(string path) => new($"{path} already exists; refusing to overwrite it.");
}
