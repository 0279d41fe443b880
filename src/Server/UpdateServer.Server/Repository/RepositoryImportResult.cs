namespace UpdateServer.Server.Repository;

/// <summary>The repository after an import: the versions now served, the vendor list version and the vendors that may publish.</summary>
public sealed record RepositoryImportResult(long RootVersion, long TargetsVersion, long SnapshotVersion, long TimestampVersion,
    long VendorListVersion, IReadOnlyList<string> Vendors);
