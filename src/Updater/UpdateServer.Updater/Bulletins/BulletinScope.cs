using UpdateServer.Packaging.Bulletins;

namespace UpdateServer.Updater.Bulletins;

/// <summary>
/// Which bulletins <c>updater bulletins</c> lists, as <c>dnf advisory list</c> does: <c>available</c> (the default) — an
/// installed version is affected and a fix is to be installed; <c>installed</c> — the fix is installed already;
/// <c>all</c> — both. <see cref="Type"/> keeps one type; <see cref="MinimumSeverity"/> keeps that severity and above.
/// </summary>
public sealed record BulletinScope(string Which, string? Type, string? MinimumSeverity)
{
    public const string Available = "available";
    public const string Installed = "installed";
    public const string All = "all";

    public bool Includes(VerifiedBulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var status = bulletin.Exposure.Status;
        return (Which == All || (Which == Available && status == BulletinExposure.Affected) || (Which == Installed && status == BulletinExposure.Fixed))
            && (Type is null || bulletin.Document.Type == Type)
            && (MinimumSeverity is null || BulletinSeverities.Rank(bulletin.Document.Severity) >= BulletinSeverities.Rank(MinimumSeverity));
    }
}
