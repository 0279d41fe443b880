namespace UpdateServer.Server.Repository;

/// <summary>The repository after an import: the versions now served and the vendors that may publish.</summary>
public sealed record RepositoryImportResult(long RootVersion, long TargetsVersion, long SnapshotVersion, long TimestampVersion,
    IReadOnlyList<string> Vendors);
