using UpdateServer.Server.Bulletins;
using UpdateServer.Server.Catalog;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// An immutable picture of the repository at one moment: the newest metadata of every role, the catalog and the bulletins.
/// Replaced as a whole after each change, so a reader never sees metadata from one publish and releases from another.
/// </summary>
public sealed class RepositoryState(IReadOnlyDictionary<string, MetadataRecord> latest, CatalogIndex catalog, BulletinIndex bulletins)
{
    public RepositoryState(IReadOnlyDictionary<string, MetadataRecord> latest, CatalogIndex catalog)
        : this(latest, catalog, BulletinIndex.Empty)
    {
    }

    public IReadOnlyDictionary<string, MetadataRecord> Latest { get; } = latest;

    public CatalogIndex Catalog { get; } = catalog;

    public BulletinIndex Bulletins { get; } = bulletins;

    /// <summary>The SHA-256 of the target (release package or bulletin) at <paramref name="targetPath"/>, or null when none is listed.</summary>
    public string? TargetSha256(string targetPath) => Catalog.FindByTargetPath(targetPath)?.Sha256 ?? Bulletins.Sha256Of(targetPath);

    public long SnapshotVersion => Latest.TryGetValue(Packaging.Trust.RoleNames.Snapshot, out var s) ? s.Version : 0;
}
