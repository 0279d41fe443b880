using UpdateServer.Server.Catalog;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// An immutable picture of the repository as one generation committed it: the newest metadata of every role and the
/// catalog. Replaced as a whole after each change, so a reader never sees metadata from one publish and releases from another.
/// </summary>
public sealed class RepositoryState(long generation, IReadOnlyDictionary<string, MetadataRecord> latest, CatalogIndex catalog)
{
    /// <summary>The repository generation (<see cref="RepositoryGenerationRecord"/>) this picture shows.</summary>
    public long Generation { get; } = generation;

    public IReadOnlyDictionary<string, MetadataRecord> Latest { get; } = latest;

    public CatalogIndex Catalog { get; } = catalog;

    public long SnapshotVersion => Latest.TryGetValue(Packaging.Trust.RoleNames.Snapshot, out var s) ? s.Version : 0;
}
