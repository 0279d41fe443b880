namespace UpdateServer.Upkg.Repo;

/// <summary>The server's answer to a push: the versions it now serves, its vendor list version and the vendors that may publish.</summary>
public sealed record RepoPushResult(long RootVersion, long TargetsVersion, long SnapshotVersion, long TimestampVersion, long VendorListVersion,
    IReadOnlyList<string> Vendors);
