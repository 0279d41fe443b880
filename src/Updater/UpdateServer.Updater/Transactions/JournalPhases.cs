namespace UpdateServer.Updater.Transactions;

/// <summary>
/// The milestones of an apply transaction, in order; the journal names the last one reached. A transaction found
/// before <see cref="HealthChecked"/> at start-up is undone; from <see cref="HealthChecked"/> on it is finished.
/// </summary>
public static class JournalPhases
{
    /// <summary>The package is on disk, its length and hashes verified against signed metadata (TUF 5.7.3).</summary>
    public const string Downloaded = "downloaded";

    /// <summary>Extracted into staging, every file checked against the manifest, the manifest against the signed facts.</summary>
    public const string Verified = "verified";

    /// <summary>The version's folders are in place and flushed to disk; <c>current</c> is untouched.</summary>
    public const string Staged = "staged";

    /// <summary>The pre-install and install hooks succeeded.</summary>
    public const string PreInstall = "pre-install";

    /// <summary><c>current</c> points at the new version.</summary>
    public const string Switched = "switched";

    /// <summary>The post-install hook succeeded.</summary>
    public const string PostInstall = "post-install";

    /// <summary>The health check passed: from here on the transaction is finished, never undone.</summary>
    public const string HealthChecked = "health-checked";

    /// <summary>The install state names the new version; only the journal remains to be removed.</summary>
    public const string Committed = "committed";

    /// <summary>The transaction is being undone; whoever finds it finishes undoing it.</summary>
    public const string RollingBack = "rolling-back";

    /// <summary>True when a transaction found in <paramref name="phase"/> is finished rather than undone.</summary>
    public static bool IsPastPointOfNoReturn(string phase) => phase is HealthChecked or Committed;
}
