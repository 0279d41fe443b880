namespace UpdateServer.Server.Data;

/// <summary>
/// The audit trail of a release: published, state changed (promoted, yanked), removed from or restored to the
/// vendor's metadata. Appended in the same transaction as the metadata that caused it; never updated.
/// </summary>
public sealed class ReleaseEventRecord
{
    public long Id { get; set; }

    public required string Vendor { get; set; }

    public required string TargetPath { get; set; }

    public required string Product { get; set; }

    public required string Version { get; set; }

    /// <summary><c>published</c>, <c>state-changed</c>, <c>removed</c> or <c>restored</c>.</summary>
    public required string Event { get; set; }

    public string? FromState { get; set; }

    public string? ToState { get; set; }

    /// <summary>The signed reason for the state (e.g. why it was yanked), when the vendor gave one.</summary>
    public string? Reason { get; set; }

    /// <summary>Who caused it: the authenticated vendor.</summary>
    public required string Actor { get; set; }

    /// <summary>The version of the role file that made the change.</summary>
    public long MetadataVersion { get; set; }

    public DateTimeOffset At { get; set; }
}
