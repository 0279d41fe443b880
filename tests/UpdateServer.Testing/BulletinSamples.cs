using NuGet.Versioning;
using UpdateServer.Packaging.Bulletins;

namespace UpdateServer.Testing;

/// <summary>
/// Bulletins of every type about acme's platform and the database component, as a vendor would write them; tests
/// change what they are about with <c>with</c>.
/// </summary>
public static class BulletinSamples
{
    public const string Platform = "acme.culture-platform";
    public const string Database = "postgres.server";
    public const string CriticalVector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

    public static DateTimeOffset Issued { get; } = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A critical security bulletin: platform [1.0.0, 2.1.0) affected, fixed in 2.1.0.</summary>
    public static Bulletin Security(string id = "ACME-2026-0001") => new()
    {
        Id = id,
        Revision = 1,
        Type = BulletinTypes.Security,
        Severity = BulletinSeverities.Critical,
        Cvss = CvssV31.Parse(CriticalVector),
        Title = "Remote code execution in the culture platform's search",
        Summary = "A crafted search request runs code as the platform user.",
        Details = "## Impact\n\nAn attacker on the network can run code. **Update now.**\n\nSee [the advisory](https://example.org/advisories/1).",
        Affected = [new AffectedProduct(Platform, VersionRange.Parse("[1.0.0, 2.1.0)"), IsComponent: false)],
        FixedIn = [new FixedRelease(Platform, NuGetVersion.Parse("2.1.0"))],
        Workaround = "Disable the search page until 2.1.0 is installed.",
        Cves = ["CVE-2026-10001"],
        References = [new BulletinReference(new Uri("https://example.org/advisories/1"), "Vendor advisory")],
        Revisions = [new BulletinRevision(1, Issued, "Initial release.")],
    };

    /// <summary>A medium bug notice about the database component: postgres.server [15.0, 15.6) affected, fixed in 15.6.</summary>
    public static Bulletin DatabaseBug(string id = "ACME-2026-0002") => new()
    {
        Id = id,
        Revision = 1,
        Type = BulletinTypes.Bugfix,
        Severity = BulletinSeverities.Medium,
        Title = "PostgreSQL 15 before 15.6 can corrupt the platform's search index",
        Summary = "Index corruption after a crash; update PostgreSQL to 15.6.",
        Affected = [new AffectedProduct(Database, VersionRange.Parse("[15.0, 15.6)"), IsComponent: true)],
        FixedIn = [new FixedRelease(Database, NuGetVersion.Parse("15.6"))],
        Revisions = [new BulletinRevision(1, Issued, "Initial release.")],
    };

    /// <summary>A low upgrade notice: platform 1.x should move to 2.0.0.</summary>
    public static Bulletin UpgradeNotice(string id = "ACME-2026-0003") => new()
    {
        Id = id,
        Revision = 1,
        Type = BulletinTypes.Notice,
        Severity = BulletinSeverities.Low,
        Title = "Culture platform 1.x reaches end of support",
        Summary = "Upgrade to 2.0 with the upgrade package; 1.x gets no fixes after 2027-06-30.",
        Affected = [new AffectedProduct(Platform, VersionRange.Parse("[1.0.0, 2.0.0)"), IsComponent: false)],
        FixedIn = [new FixedRelease(Platform, NuGetVersion.Parse("2.0.0"))],
        Revisions = [new BulletinRevision(1, Issued, "Initial release.")],
    };

    /// <summary>An enhancement about the platform 2.x.</summary>
    public static Bulletin Enhancement(string id = "ACME-2026-0004") => new()
    {
        Id = id,
        Revision = 1,
        Type = BulletinTypes.Enhancement,
        Severity = BulletinSeverities.None,
        Title = "Faster search in 2.1",
        Summary = "Search answers twice as fast after 2.1.0.",
        Affected = [new AffectedProduct(Platform, VersionRange.Parse("[2.0.0, 2.1.0)"), IsComponent: false)],
        FixedIn = [new FixedRelease(Platform, NuGetVersion.Parse("2.1.0"))],
        Revisions = [new BulletinRevision(1, Issued, "Initial release.")],
    };

    /// <summary>The next revision of <paramref name="bulletin"/>, a day later, with the whole history.</summary>
    public static Bulletin NextRevision(Bulletin bulletin, string summary, string? status = null, string? supersededBy = null)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var next = bulletin.Revision + 1;
        return bulletin with
        {
            Revision = next,
            Status = status ?? bulletin.Status,
            SupersededBy = supersededBy ?? bulletin.SupersededBy,
            Revisions = [.. bulletin.Revisions, new BulletinRevision(next, bulletin.CurrentReleaseDate.AddDays(1), summary)],
        };
    }
}
