namespace UpdateServer.Packaging;

/// <summary>Writes files so that a crash or power cut leaves either the old or the new content, never a mix.</summary>
public static class DurableFile
{
    /// <summary>Writes to a temporary sibling, flushes it to disk, then renames it over <paramref name="path"/>.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> data)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(data);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            FlushDirectory(Path.GetDirectoryName(path)!);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Moves <paramref name="source"/> over <paramref name="destination"/> and makes the rename durable.</summary>
    public static void MoveAtomically(string source, string destination)
    {
        File.Move(source, destination, overwrite: true);
        FlushDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
    }

    /// <summary>
    /// Renames <paramref name="source"/> over <paramref name="destination"/> without following symbolic links
    /// (rename(2)), so a link can atomically replace another link, then makes the rename durable.
    /// </summary>
    /// <exception cref="IOException">The rename failed.</exception>
    /// <exception cref="PlatformNotSupportedException">On Windows, where links are replaced differently.</exception>
    public static void RenameEntry(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Atomic link replacement is implemented for POSIX systems only.");
        }

        if (PosixCalls.Rename(source, destination) != 0)
        {
            throw new IOException($"Cannot rename {source} to {destination} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
        }

        FlushDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
    }

    /// <summary>
    /// fsyncs a directory so renames inside it survive a power cut. Windows has no directory handles to flush;
    /// NTFS journals renames, so nothing is done there.
    /// </summary>
    /// <exception cref="IOException">The directory cannot be opened or flushed.</exception>
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // .NET refuses to open directories as files, so this goes to libc: open(O_RDONLY), fsync, close.
        var fd = PosixCalls.Open(directory, 0);
        if (fd < 0)
        {
            throw new IOException($"Cannot open {directory} to flush it (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            // EINVAL: the file system cannot sync directories (some network and special file systems); nothing to do.
            const int einval = 22;
            if (PosixCalls.Fsync(fd) != 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != einval)
            {
                throw new IOException($"Cannot flush {directory} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = PosixCalls.Close(fd);
        }
    }
}
