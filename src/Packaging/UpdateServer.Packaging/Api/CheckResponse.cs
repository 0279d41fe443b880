namespace UpdateServer.Packaging.Api;

/// <summary>
/// The answer to a check: one update per product that has a newer applicable release. This is advice: the
/// updater verifies every fact again from signed metadata before it installs anything.
/// </summary>
public sealed record CheckResponse(long SnapshotVersion, IReadOnlyList<AvailableUpdate> Updates, IReadOnlyList<ProductStatus> Products);
