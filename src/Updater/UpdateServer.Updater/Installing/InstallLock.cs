namespace UpdateServer.Updater.Installing;

/// <summary>
/// An exclusive lock file so two updaters never apply at once. The OS releases it when the process dies, so a
/// crash never leaves the machine locked.
/// </summary>
public sealed class InstallLock : IDisposable
{
    private readonly FileStream _file;

    private InstallLock(FileStream file) => _file = file;

    /// <exception cref="InstallLockedException">Another process holds the lock.</exception>
    public static InstallLock Acquire(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new InstallLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
        }
        catch (IOException e)
        {
            throw new InstallLockedException($"Another updater holds {path}; try again when it has finished.", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
