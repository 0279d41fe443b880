namespace UpdateServer.Server.Publishing;

/// <summary>What was ever published under a target path: bytes (length, SHA-256) and identity (product, version, kind).</summary>
public sealed record PublishedTarget(long Length, string Sha256, string Product, string Version, string Kind);
