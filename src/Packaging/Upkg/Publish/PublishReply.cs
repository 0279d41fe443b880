namespace UpdateServer.Upkg.Publish;

/// <summary>The server's answer to a successful publish (HTTP 201): the versions now live and the vendor's targets.</summary>
public sealed record PublishReply(string Vendor, long MetadataVersion, long SnapshotVersion, long TimestampVersion,
    IReadOnlyList<string> AddedTargets, IReadOnlyList<string> Targets);
