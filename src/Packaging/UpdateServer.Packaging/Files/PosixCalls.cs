using System.Runtime.InteropServices;

namespace UpdateServer.Packaging;

/// <summary>The libc calls .NET does not expose: fsync of a directory, and rename of a symbolic link itself.</summary>
internal static partial class PosixCalls
{
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Rename(string oldPath, string newPath);
}
