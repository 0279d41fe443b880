namespace UpdateServer.Server.Publishing;

/// <summary>The response to a successful publish: the versions now live and the targets the vendor's metadata lists.</summary>
public sealed record PublishResult(string Vendor, long MetadataVersion, long SnapshotVersion, long TimestampVersion,
    IReadOnlyList<string> AddedTargets, IReadOnlyList<string> Targets);
