namespace UpdateServer.Upkg.Publish;

/// <summary>
/// The outcome of <c>upkg publish</c>; also its <c>--json</c> output. When every package was already published,
/// nothing is sent: <see cref="MetadataVersion"/> is the current one and the snapshot and timestamp versions are null.
/// </summary>
/// <param name="Vendor">The vendor name.</param>
/// <param name="MetadataVersion">The version of the vendor's metadata now live.</param>
/// <param name="SnapshotVersion">The snapshot that made it live; null when nothing was sent.</param>
/// <param name="TimestampVersion">The timestamp that made it live; null when nothing was sent.</param>
/// <param name="AddedTargets">Target paths this run added.</param>
/// <param name="Targets">Every target the vendor's metadata lists now.</param>
/// <param name="Packages">Each package of the command line with its target and status.</param>
public sealed record PublishReport(
    string Vendor,
    long MetadataVersion,
    long? SnapshotVersion,
    long? TimestampVersion,
    IReadOnlyList<string> AddedTargets,
    IReadOnlyList<string> Targets,
    IReadOnlyList<PublishedPackage> Packages);
