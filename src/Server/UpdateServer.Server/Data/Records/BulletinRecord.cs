namespace UpdateServer.Server.Data;

/// <summary>
/// A bulletin as the server indexes it: the facts of its current (highest) revision, for queries (OData, Atom, CSAF,
/// admin pages). The signed document of every revision is kept in <see cref="BulletinRevisionRecord"/>.
/// </summary>
public sealed class BulletinRecord
{
    /// <summary>The bulletin id, e.g. ACME-2026-0001.</summary>
    public required string Id { get; set; }

    public required string Vendor { get; set; }

    public int Revision { get; set; }

    public required string Type { get; set; }

    public required string Severity { get; set; }

    /// <summary>0 (none) to 4 (critical), for "at least this severe" filters.</summary>
    public int SeverityRank { get; set; }

    public double? CvssScore { get; set; }

    public string? CvssVector { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public required string Status { get; set; }

    public string? SupersededBy { get; set; }

    public DateTimeOffset InitialReleaseDate { get; set; }

    public DateTimeOffset CurrentReleaseDate { get; set; }

    /// <summary>The current revision's target path, <c>&lt;vendor&gt;/&lt;ID&gt;.r&lt;N&gt;.bulletin.json</c>.</summary>
    public required string TargetPath { get; set; }

    public List<string> Cves { get; set; } = [];

    /// <summary>Distinct devices whose last check found them affected; kept up to date by the check API.</summary>
    public int AffectedMachines { get; set; }

    public List<BulletinProductRecord> AffectedProducts { get; set; } = [];

    public List<BulletinFixRecord> FixedReleases { get; set; } = [];

    public List<BulletinDeviceRecord> AffectedDevices { get; set; } = [];
}
