namespace UpdateServer.Upkg.Repo;

/// <summary>The server's answer to a push: the versions it now serves and the vendors that may publish.</summary>
public sealed record RepoPushResult(long RootVersion, long TargetsVersion, long SnapshotVersion, long TimestampVersion, IReadOnlyList<string> Vendors);
