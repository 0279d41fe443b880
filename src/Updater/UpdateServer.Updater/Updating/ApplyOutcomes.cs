namespace UpdateServer.Updater.Updating;

/// <summary>How an install attempt ended, as reports name it.</summary>
public static class ApplyOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>A hook failed after the switch; the previous version runs again.</summary>
    public const string RolledBack = "rolled-back";

    /// <summary>Not attempted because an earlier step it depends on failed; not reported.</summary>
    public const string Skipped = "skipped";

    /// <summary>Not attempted because this version failed and was rolled back here before; not reported, not an error.</summary>
    public const string Held = "held";

    /// <summary>Downloaded and verified, not installed (download-only, or outside the maintenance window); not reported.</summary>
    public const string Downloaded = "downloaded";

    /// <summary>Listed only (policy notify); not reported.</summary>
    public const string Notified = "notified";

    /// <summary>Waits out the deferral of non-mandatory updates; not reported.</summary>
    public const string Deferred = "deferred";
}
