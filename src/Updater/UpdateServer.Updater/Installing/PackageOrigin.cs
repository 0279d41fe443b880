namespace UpdateServer.Updater.Installing;

/// <summary>Where a package came from: its signed target path and SHA-256, and the version the plan step moves from.</summary>
public sealed record PackageOrigin(string TargetPath, string Sha256, string? FromVersion);
