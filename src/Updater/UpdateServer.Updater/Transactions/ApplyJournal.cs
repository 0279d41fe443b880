namespace UpdateServer.Updater.Transactions;

/// <summary>
/// The on-disk record of one install transaction (<c>&lt;dataDirectory&gt;/journal.json</c>): enough to finish or undo
/// it after a crash without the package or the network. <see cref="Phase"/> is the last milestone reached
/// (<see cref="JournalPhases"/>); <see cref="HooksStarted"/> is set before the first hook runs, so an undo knows the
/// package's rollback hook has something to undo.
/// </summary>
public sealed record ApplyJournal
{
    public const string InstallOperation = "install";
    public const string RollbackOperation = "rollback";

    /// <summary><c>install</c> (undone unless past its health check) or <c>rollback</c> (a requested return to an older version, always finished).</summary>
    public string Operation { get; init; } = InstallOperation;

    /// <summary>The package's own product and version (for an upgrade package, not the product it installs).</summary>
    public required string PackageProduct { get; init; }

    public required string PackageVersion { get; init; }

    /// <summary>The product whose <c>current</c> link the transaction switches.</summary>
    public required string Product { get; init; }

    /// <summary>The version the transaction installs.</summary>
    public required string Version { get; init; }

    /// <summary>Where <c>current</c> pointed when the transaction began; null on a first install.</summary>
    public string? PreviousVersion { get; init; }

    public required string Kind { get; init; }

    public required string TargetPath { get; init; }

    public required string Sha256 { get; init; }

    /// <summary>The version the signed plan step moved from (what the report names).</summary>
    public string? FromVersion { get; init; }

    public required string Phase { get; init; }

    public bool HooksStarted { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Why the transaction is being undone, once it is.</summary>
    public string? UndoReason { get; init; }
}
