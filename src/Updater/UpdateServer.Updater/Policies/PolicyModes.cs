namespace UpdateServer.Updater.Policies;

/// <summary>What <c>apply</c> does with confirmed updates (configuration key <c>policy.mode</c>).</summary>
public static class PolicyModes
{
    /// <summary>Download and install, inside the maintenance window.</summary>
    public const string Auto = "auto";

    /// <summary>Download and verify, never install: an operator or a later policy installs from the kept file.</summary>
    public const string DownloadOnly = "download-only";

    /// <summary>Only list what is available; download nothing.</summary>
    public const string Notify = "notify";

    public static readonly string[] All = [Auto, DownloadOnly, Notify];
}
