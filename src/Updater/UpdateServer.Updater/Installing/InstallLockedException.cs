namespace UpdateServer.Updater.Installing;

/// <summary>Another updater is applying updates on this machine.</summary>
public sealed class InstallLockedException : Exception
{
    public InstallLockedException(string message, Exception inner) : base(message, inner) { }
}
