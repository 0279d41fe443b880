namespace UpdateServer.Upkg.Release;

/// <summary>The outcome of a lifecycle change, as printed and as <c>--json</c>.</summary>
/// <param name="Target">The target path of the release.</param>
/// <param name="Role">The role file that lists it and was re-signed (the vendor role or one of its bins).</param>
/// <param name="FromState">The state before.</param>
/// <param name="ToState">The state now.</param>
/// <param name="MetadataVersion">The version of the re-signed role file; the old one when nothing changed.</param>
/// <param name="SnapshotVersion">The snapshot that made it visible; null when nothing changed.</param>
public sealed record LifecycleResult(string Target, string Role, string FromState, string ToState, long MetadataVersion, long? SnapshotVersion);
