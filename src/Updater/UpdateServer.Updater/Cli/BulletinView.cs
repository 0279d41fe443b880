using UpdateServer.Updater.Bulletins;

namespace UpdateServer.Updater.Cli;

/// <summary>The JSON shape of one verified bulletin in <c>updater bulletins --json</c>.</summary>
public sealed record BulletinView(string Id, int Revision, string Type, string Severity, decimal? CvssScore, string? CvssVector, string Title,
    string Summary, string Status, string BulletinStatus, IReadOnlyList<string> Evidence, IReadOnlyList<string> FixedIn, IReadOnlyList<string> Cves,
    string TargetPath, string SignedBy)
{
    public static BulletinView Of(VerifiedBulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var d = bulletin.Document;
        return new BulletinView(d.Id, d.Revision, d.Type, d.Severity, d.Cvss?.BaseScore, d.Cvss?.Vector, d.Title, d.Summary, bulletin.Exposure.Status,
            d.Status, bulletin.Exposure.Evidence, [.. d.FixedIn.Select(f => $"{f.Product} {f.Version.ToNormalizedString()}")], d.Cves,
            bulletin.TargetPath, bulletin.SignedBy);
    }
}
