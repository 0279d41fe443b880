namespace UpdateServer.Server.Repository;

/// <summary>A target the repository serves (release package or bulletin revision): its path, SHA-256 and length.</summary>
public sealed record ListedTarget(string TargetPath, string Sha256, long Length);
