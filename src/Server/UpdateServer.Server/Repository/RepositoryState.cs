using UpdateServer.Server.Bulletins;
using UpdateServer.Server.Catalog;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// An immutable picture of the repository as one generation committed it: the newest metadata of every role, the
/// catalog and the bulletins. Replaced as a whole after each change, so a reader never sees metadata from one publish and releases from another.
/// </summary>
public sealed class RepositoryState(long generation, IReadOnlyDictionary<string, MetadataRecord> latest, CatalogIndex catalog, BulletinIndex bulletins)
{
    /// <summary>The repository generation (<see cref="RepositoryGenerationRecord"/>) this picture shows.</summary>
    public long Generation { get; } = generation;

    public IReadOnlyDictionary<string, MetadataRecord> Latest { get; } = latest;

    public CatalogIndex Catalog { get; } = catalog;

    public BulletinIndex Bulletins { get; } = bulletins;

    /// <summary>The target (release package or bulletin) listed at <paramref name="targetPath"/>, or null when none is.</summary>
    public ListedTarget? FindTarget(string targetPath) => Catalog.FindByTargetPath(targetPath) is { } release
        ? new ListedTarget(release.TargetPath, release.Sha256, release.Length)
        : Bulletins.Find(targetPath);

    /// <summary>The version of the newest snapshot: it changes with every change to releases or bulletins, and only then or on a re-sign.</summary>
    public long SnapshotVersion { get; } = latest.TryGetValue(Packaging.Trust.RoleNames.Snapshot, out var s) ? s.Version : 0;
}
