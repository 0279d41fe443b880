namespace UpdateServer.Server.Publishing;

/// <summary>
/// What was ever published under a target path: bytes (length, SHA-256), identity (product, version, kind) and the
/// lifecycle state it last had.
/// </summary>
public sealed record PublishedTarget(long Length, string Sha256, string Product, string Version, string Kind, string State);
