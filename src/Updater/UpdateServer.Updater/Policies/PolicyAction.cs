namespace UpdateServer.Updater.Policies;

public enum PolicyAction
{
    Install,
    DownloadOnly,
    Notify,
    Defer,
}
