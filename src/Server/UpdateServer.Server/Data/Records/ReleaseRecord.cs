namespace UpdateServer.Server.Data;

/// <summary>A published release: one target of a vendor's delegated metadata, indexed for the check API.</summary>
public sealed class ReleaseRecord
{
    public long Id { get; set; }

    public required string Vendor { get; set; }

    /// <summary>The TUF target path, e.g. <c>acme/acme.culture-platform-2.0.0.upkg</c>. Unique.</summary>
    public required string TargetPath { get; set; }

    public required string Product { get; set; }

    /// <summary>SemVer 2.0 text as published.</summary>
    public required string Version { get; set; }

    public required string Kind { get; set; }

    public required string Channel { get; set; }

    /// <summary>The signed lifecycle state: draft, testing, stable or yanked (also in <see cref="CustomJson"/>; here for queries).</summary>
    public required string State { get; set; }

    public long Length { get; set; }

    public required string Sha256 { get; set; }

    /// <summary>The target's signed custom object, as JSON text.</summary>
    public required string CustomJson { get; set; }

    /// <summary>Version of the vendor's delegated metadata that first listed this target.</summary>
    public long MetadataVersion { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>
    /// When the vendor's metadata stopped listing the target; null while listed. Rows are kept so a path, once
    /// published, can never come back with other bytes.
    /// </summary>
    public DateTimeOffset? RemovedAt { get; set; }
}
